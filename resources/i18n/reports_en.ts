<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ArchiveView</name>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="84"/>
        <source>输入或扫描卡号</source>
        <translation>Type or scan a card number</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="86"/>
        <source>查询档案</source>
        <translation>Show archive</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="88"/>
        <source>打印学习档案…</source>
        <translation>Print learning archive…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="91"/>
        <source>输入卡号查看学员的全部学习记录</source>
        <translation>Enter a card number to see all of a learner&apos;s learning records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="95"/>
        <location filename="../../ccschool/ui/reports_drill.py" line="101"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="95"/>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="96"/>
        <source>首次上课</source>
        <translation>First session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="96"/>
        <source>出勤次数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="97"/>
        <source>应到次数</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="97"/>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="98"/>
        <location filename="../../ccschool/ui/reports_drill.py" line="103"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="98"/>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="99"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="101"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="102"/>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="102"/>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="135"/>
        <source>%1年 %2学时</source>
        <translation>%1: %2 hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="137"/>
        <source>累计 %1 个班级，%2 次课，%3 学时，%4 学分，%5 张证书</source>
        <translation>In all %1 classes, %2 sessions, %3 hours, %4 credits, %5 certificates</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="142"/>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="142"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="142"/>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="143"/>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="155"/>
        <source>保存学习档案</source>
        <translation>Save learning archive</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="165"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ClassDetailDialog</name>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="29"/>
        <source>班级明细</source>
        <translation>Class details</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="31"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="33"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="33"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="34"/>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="34"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="35"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="35"/>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="36"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="36"/>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="37"/>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="40"/>
        <source>满意度测评…</source>
        <translation>Satisfaction survey…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="57"/>
        <source>未开课</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="57"/>
        <source>已上课</source>
        <translation>Held</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_drill.py" line="58"/>
        <source>已停课</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="47"/>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="48"/>
        <location filename="../../ccschool/ui/reports_page.py" line="128"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="49"/>
        <source>学员</source>
        <translation>Learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="50"/>
        <location filename="../../ccschool/ui/reports_page.py" line="152"/>
        <source>参与率</source>
        <translation>Participation</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="52"/>
        <source>学员档案</source>
        <translation>Learner archive</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="54"/>
        <source>学习之星</source>
        <translation>Learning stars</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="59"/>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="59"/>
        <source>本年累计</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="59"/>
        <source>自定义区间</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="68"/>
        <source>统计</source>
        <translation>Compute</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="69"/>
        <source>导出Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="70"/>
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="76"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="77"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="94"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="94"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="128"/>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="129"/>
        <source>教学点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="129"/>
        <source>形式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="130"/>
        <source>报名</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="130"/>
        <location filename="../../ccschool/ui/reports_page.py" line="151"/>
        <source>参训人数</source>
        <translation>Learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="131"/>
        <source>开课</source>
        <translation>Held</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="131"/>
        <source>停课</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="132"/>
        <source>人次</source>
        <translation>Person-times</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="132"/>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="133"/>
        <location filename="../../ccschool/ui/reports_page.py" line="143"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="133"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="136"/>
        <source>双击班级查看每次课的考勤</source>
        <translation>Double-click a class to see each session&apos;s attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="140"/>
        <source>卡号</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="140"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="141"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="141"/>
        <location filename="../../ccschool/ui/reports_page.py" line="151"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="142"/>
        <source>人群类别</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="142"/>
        <source>班级数</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="143"/>
        <source>出勤次数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="144"/>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="147"/>
        <source>双击学员查看终身学习档案</source>
        <translation>Double-click a learner to open the lifelong learning archive</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="152"/>
        <source>常住人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="153"/>
        <source>是否达标</source>
        <translation>Target met</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="187"/>
        <source>正在统计…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="201"/>
        <source>统计期间 %1 至 %2</source>
        <translation>Period %1 to %2</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="211"/>
        <source>线上</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="211"/>
        <source>线下</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="222"/>
        <source>每周培训人次</source>
        <translation>Person-times per week</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="222"/>
        <source>每月培训人次</source>
        <translation>Person-times per month</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="224"/>
        <source>各主题学时</source>
        <translation>Hours by theme</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="228"/>
        <source>各人群参训人数</source>
        <translation>Learners by target group</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="231"/>
        <source>年龄结构</source>
        <translation>Age bands</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="235"/>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="235"/>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="236"/>
        <source>全镇合计</source>
        <translation>Whole site</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="239"/>
        <source>参与率 = 参训人数 ÷ 常住人口；目标 %1（在设置中填写各村人口）</source>
        <translation>Participation = learners ÷ resident population; target %1 (enter each village&apos;s population in Settings)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="266"/>
        <source>社区教育统计报表</source>
        <translation>Community education report</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="267"/>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="278"/>
        <source>请先点“统计”</source>
        <translation>Click “Compute” first</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="293"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_page.py" line="295"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>StarsView</name>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="19"/>
        <source>生成候选名单</source>
        <translation>Make the candidate list</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="21"/>
        <source>按学时、出勤率、结业班级数排序，取前50名</source>
        <translation>Ranked by hours, attendance rate and classes completed; top 50</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="23"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="23"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="24"/>
        <source>卡号</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="24"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="25"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="25"/>
        <source>出勤次数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="26"/>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="26"/>
        <source>班级数</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="27"/>
        <source>结业班级</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="31"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="47"/>
        <source>正在统计…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_stars.py" line="53"/>
        <source>%1 年共 %2 名候选（双击查看档案）</source>
        <translation>%1: %2 candidates (double-click to open the archive)</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <location filename="../../ccschool/ui/reports_survey.py" line="16"/>
        <source>满意度测评</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_survey.py" line="18"/>
        <source>%1：每位学员选 1–5 分（5 最满意），可写意见；不填的跳过</source>
        <translation>%1: choose 1–5 for each learner (5 = very satisfied), add a comment if given; empty rows are skipped</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_survey.py" line="22"/>
        <source>卡号</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_survey.py" line="22"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_survey.py" line="22"/>
        <source>评分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/reports_survey.py" line="23"/>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
</context>
</TS>
