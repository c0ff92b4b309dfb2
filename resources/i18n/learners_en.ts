<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ChoosePage</name>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="71"/>
        <source>第1步：选择花名册文件</source>
        <translation>Step 1: choose the roster file</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="72"/>
        <source>支持WPS或Excel保存的 .xlsx（旧版 .xls 也可）；标题行、合并单元格无需删除。</source>
        <translation>Workbooks saved by WPS or Excel (.xlsx, old .xls too); title rows and merged cells can stay.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="74"/>
        <source>花名册文件路径</source>
        <translation>Roster file path</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="76"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="89"/>
        <source>选择花名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="90"/>
        <source>Excel 工作簿 (*.xlsx *.xls);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx *.xls);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="229"/>
        <source>导入学员花名册</source>
        <translation>Import learner roster</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="232"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="233"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="234"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="235"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="247"/>
        <source>正在读取“{0}”…</source>
        <translation>Reading “{0}”…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="254"/>
        <source>已读取：工作表“{0}”，{1}行学员记录。点“下一步”核对。</source>
        <translation>Read sheet “{0}”: {1} learner rows. Click Next to check them.</translation>
    </message>
</context>
<context>
    <name>LearnerDialog</name>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="26"/>
        <source>编辑学员</source>
        <translation>Edit learner</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="26"/>
        <source>新增学员</source>
        <translation>Add learner</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="37"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="37"/>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="38"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="38"/>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="39"/>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="39"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="40"/>
        <source>如 1956-03-02；填了身份证号可不填</source>
        <translation>e.g. 1956-03-02; optional when the ID number is given</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="41"/>
        <source>18位，可不填</source>
        <translation>18 characters; optional</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="41"/>
        <source>11位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="45"/>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="56"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="58"/>
        <source>教学点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="59"/>
        <source>人群类别</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="60"/>
        <source>同意将个人信息上传到县终身学习平台</source>
        <translation>Agrees to personal data being uploaded to the county learning platform</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="65"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="66"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_dialog.py" line="105"/>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
</context>
<context>
    <name>LearnersModel</name>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="24"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="25"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="26"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="27"/>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="28"/>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="29"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="30"/>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="31"/>
        <source>教学点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="32"/>
        <source>人群类别</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="33"/>
        <source>卡状态</source>
        <translation>Card state</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="35"/>
        <source>有效</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="36"/>
        <source>挂失</source>
        <translation>lost</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_model.py" line="37"/>
        <source>作废</source>
        <translation>revoked</translation>
    </message>
</context>
<context>
    <name>LearnersPage</name>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="32"/>
        <source>搜索：姓名、拼音首字母（如 zs）、卡号或手机尾号</source>
        <translation>Search: name, pinyin initials (e.g. zs), card number or last 4 phone digits</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="41"/>
        <source>新增学员</source>
        <translation>Add learner</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="42"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="43"/>
        <location filename="../../ccschool/ui/learners_page.py" line="112"/>
        <location filename="../../ccschool/ui/learners_page.py" line="119"/>
        <location filename="../../ccschool/ui/learners_page.py" line="124"/>
        <source>补办学习卡</source>
        <translation>Re-issue card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="44"/>
        <source>导入Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="45"/>
        <source>导出Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="72"/>
        <location filename="../../ccschool/ui/learners_page.py" line="79"/>
        <source>{0} 人</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="113"/>
        <source>原学习卡将作废，签到时不再有效。确定补办新卡吗？</source>
        <translation>The old learning card will be revoked and no longer accepted at check-in. Issue a new card?</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="125"/>
        <source>新卡号：{0}。请到“打印”页打印新卡。</source>
        <translation>New card number: {0}. Print the new card on the Print page.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="135"/>
        <location filename="../../ccschool/ui/learners_page.py" line="140"/>
        <location filename="../../ccschool/ui/learners_page.py" line="163"/>
        <source>导出学员</source>
        <translation>Export learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="135"/>
        <source>学员名单.xlsx</source>
        <translation>learners.xlsx</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="136"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="140"/>
        <source>导出完整身份证号吗？（选“否”则只导出打码后的号码）</source>
        <translation>Export full ID numbers? (No exports masked numbers only)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_page.py" line="159"/>
        <source>已导出 {0} 人</source>
        <translation>Exported {0} people</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="108"/>
        <source>第2步：核对识别出的列</source>
        <translation>Step 2: check the recognised columns</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="111"/>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="111"/>
        <source>识别为</source>
        <translation>Recognised as</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="115"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="115"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="115"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="115"/>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="116"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="116"/>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="116"/>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="117"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="126"/>
        <source>工作表“{0}”，表头在第{1}行，共{2}行：可导入{3}行，有错误{4}行，重复{5}行</source>
        <translation>Sheet “{0}”, header in row {1}, {2} rows: {3} ready, {4} with problems, {5} duplicates</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="131"/>
        <source>未使用的列：{0}</source>
        <translation>Columns not used: {0}</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="132"/>
        <source>所有列均已识别</source>
        <translation>Every column was recognised</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="136"/>
        <source>错误</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="136"/>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="136"/>
        <source>可导入</source>
        <translation>Ready</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="148"/>
        <source>第3步：逐行检查结果</source>
        <translation>Step 3: problems row by row</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="151"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="151"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="151"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="158"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="166"/>
        <source>发现{0}处错误（红色），请改正后重新导入，或勾选下方选项只导入正确的行。灰色为重复的人，不会重复登记。</source>
        <translation>{0} problems found (red). Fix them and import again, or tick the option below to import only the correct rows. Grey rows are people already registered; they are not registered twice.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="169"/>
        <source>没有错误；灰色为重复的人，不会重复登记。</source>
        <translation>No problems; grey rows are people already registered and are not registered twice.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="171"/>
        <source>没有发现问题，可以导入。</source>
        <translation>No problems found; ready to import.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="172"/>
        <source>跳过有错误的行，只导入其余{0}行（错误行另存为“{1}”）</source>
        <translation>Skip rows with problems and import the other {0} rows (problem rows saved as “{1}”)</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="185"/>
        <source>第4步：导入</source>
        <translation>Step 4: import</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="198"/>
        <source>正在导入，请稍候…</source>
        <translation>Importing, please wait…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="203"/>
        <source>已导入{0}名学员，跳过{1}行，重复{2}行。</source>
        <translation>Imported {0} learners; skipped {1} rows; {2} duplicates.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="206"/>
        <source>错误行已另存为：{0}</source>
        <translation>Rows with problems saved as: {0}</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/learners_import.py" line="213"/>
        <source>导入失败，没有写入任何数据：{0}</source>
        <translation>Import failed; nothing was written: {0}</translation>
    </message>
</context>
</TS>
