<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ccschool/ui/pdf_preview.py" line="80"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pdf_preview.py" line="81"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pdf_preview.py" line="103"/>
        <source>尚未生成</source>
        <translation>Nothing generated yet</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pdf_preview.py" line="131"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="51"/>
        <source>学习卡</source>
        <translation>Learning cards</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="51"/>
        <source>结业证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="51"/>
        <source>签到表</source>
        <translation>Sign-in sheet</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="52"/>
        <source>个人学习档案</source>
        <translation>Learning record</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="59"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="60"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="61"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="62"/>
        <source>保存PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="74"/>
        <source>打印内容</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="101"/>
        <source>新登记或补办、尚未打印的学员</source>
        <translation>New or re-issued cards not printed yet</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="101"/>
        <source>已选学员</source>
        <translation>Selected learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="102"/>
        <source>某个班级的学员</source>
        <translation>Learners of a class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="102"/>
        <source>指定卡号</source>
        <translation>These card numbers</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="103"/>
        <source>全部学员</source>
        <translation>All learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="112"/>
        <source>卡号，可输入多个，用空格或逗号分隔</source>
        <translation>Card numbers, separated by spaces or commas</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="114"/>
        <source>每页10张（A4，带裁切线）</source>
        <translation>10 per A4 sheet, with cut marks</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="115"/>
        <source>每页1张（PVC卡片打印机）</source>
        <translation>1 per page (PVC card printer)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="117"/>
        <location filename="../../ccschool/ui/print_page.py" line="134"/>
        <location filename="../../ccschool/ui/print_page.py" line="143"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="118"/>
        <location filename="../../ccschool/ui/print_page.py" line="151"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="119"/>
        <source>版式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="144"/>
        <source>课次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="150"/>
        <source>扫描或输入学习卡号</source>
        <translation>Scan or type a card number</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="194"/>
        <source>达到结业要求 %1 人，未达到 %2 人</source>
        <translation>%1 qualify, %2 do not</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="219"/>
        <source>已选学员（%1 人）</source>
        <translation>Selected learners (%1)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="270"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="287"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="312"/>
        <source>已取消，未生成文件</source>
        <translation>Cancelled; no file was written</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="316"/>
        <source>生成失败：%1</source>
        <translation>Generating failed: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="322"/>
        <source>已生成 %1 张学习卡，共 %2 页</source>
        <translation>%1 learning cards on %2 pages</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="324"/>
        <source>已生成 %1 张结业证书</source>
        <translation>%1 certificates generated</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="325"/>
        <source>已生成，共 %1 页</source>
        <translation>Generated, %1 pages</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="328"/>
        <source>（补印）</source>
        <translation> (reprint)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="331"/>
        <source>未达到结业要求：</source>
        <translation>Not qualified:</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="340"/>
        <source>保存PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="345"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/print_page.py" line="357"/>
        <source>已发送 %1 页到打印机</source>
        <translation>Sent %1 pages to the printer</translation>
    </message>
</context>
</TS>
