<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="83"/>
        <source>上传中…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="84"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="84"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>SyncKinds</name>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="19"/>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="19"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="20"/>
        <source>学员</source>
        <translation>Learner</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="21"/>
        <source>学习卡</source>
        <translation>Learning card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="22"/>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="23"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="24"/>
        <source>课次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="25"/>
        <source>报名</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="26"/>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="27"/>
        <source>教师/志愿者</source>
        <translation>Teacher/volunteer</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="28"/>
        <source>服务记录</source>
        <translation>Service record</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="29"/>
        <source>结业证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="30"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="32"/>
        <source>待发送</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="33"/>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="34"/>
        <source>已导出U盘</source>
        <translation>Exported to USB</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="35"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="111"/>
        <source>上传到县平台</source>
        <translation>Upload to the county</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="122"/>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="138"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="144"/>
        <location filename="../../ccschool/ui/sync_page.py" line="171"/>
        <location filename="../../ccschool/ui/sync_page.py" line="241"/>
        <source>月结</source>
        <translation>Close month</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="146"/>
        <source>导出到U盘…</source>
        <translation>Export to USB…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="150"/>
        <location filename="../../ccschool/ui/sync_page.py" line="158"/>
        <location filename="../../ccschool/ui/sync_page.py" line="170"/>
        <location filename="../../ccschool/ui/sync_page.py" line="190"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="156"/>
        <source>各月核对（本机 / 县平台已确认）</source>
        <translation>Months (here / confirmed by the county)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="159"/>
        <source>本机记录</source>
        <translation>Records here</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="160"/>
        <source>县平台已确认</source>
        <translation>Confirmed by county</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="161"/>
        <source>拒收</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="162"/>
        <source>未月结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="168"/>
        <source>上传批次</source>
        <translation>Upload batches</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="171"/>
        <location filename="../../ccschool/ui/sync_page.py" line="189"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="171"/>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="172"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="173"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="174"/>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="175"/>
        <source>接收/重复/拒收</source>
        <translation>Accepted/duplicate/rejected</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="177"/>
        <source>完成时间</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="178"/>
        <source>最近错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="184"/>
        <source>待修正（县平台拒收）</source>
        <translation>Needs fixing (rejected by the county)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="186"/>
        <source>修改这些记录后，新版本会作为更正自动上传；其余记录不受影响。</source>
        <translation>Once you correct these records, the new versions are uploaded automatically as corrections; all other records are unaffected.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="191"/>
        <source>记录编号</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="192"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="208"/>
        <source>未月结记录：%1 条</source>
        <translation>Records not closed: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="209"/>
        <source>待上传批次：%1 个（%2 条）</source>
        <translation>Batches to upload: %1 (%2 records)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="211"/>
        <source>上次成功：%1</source>
        <translation>Last success: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="212"/>
        <source>上次成功：无</source>
        <translation>Last success: never</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="213"/>
        <location filename="../../ccschool/ui/sync_page.py" line="237"/>
        <location filename="../../ccschool/ui/sync_page.py" line="279"/>
        <source>最近错误：%1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="242"/>
        <source>月结 %1 后，该月记录将封存为上传批次，之后的修改会作为更正上传。继续吗？</source>
        <translation>Closing %1 seals its records into an upload batch; later changes go out as corrections. Continue?</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="261"/>
        <source>导出到U盘</source>
        <translation>Export to USB</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/sync_page.py" line="262"/>
        <source>上传批次文件 (*.ccsbatch)</source>
        <translation>Upload batch files (*.ccsbatch)</translation>
    </message>
</context>
</TS>
