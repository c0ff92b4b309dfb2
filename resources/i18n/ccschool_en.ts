<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddClassDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="37"/>
        <source>新建班级</source>
        <translation>New class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="44"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="45"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="53"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="56"/>
        <source>如：智能手机应用</source>
        <translation>e.g. Using smartphones</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="63"/>
        <source>按场地容量</source>
        <translation>Venue's capacity</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="72"/>
        <source>线上课程</source>
        <translation>Online class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="83"/>
        <source>课程名称</source>
        <translation>Course name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="83"/>
        <source>课程主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="84"/>
        <source>授课教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="84"/>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="85"/>
        <source>人数上限</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="86"/>
        <source>每次课学时</source>
        <translation>Study hours per session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="87"/>
        <source>结业出勤率</source>
        <translation>Attendance for certificate</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="87"/>
        <source>培训对象</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="93"/>
        <source>按周排课（生成本学期课次）</source>
        <translation>Weekly schedule (creates the term's sessions)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="119"/>
        <source>节假日，用逗号分隔，如 2026-10-01,2026-10-02</source>
        <translation>Holidays, comma-separated, e.g. 2026-10-01,2026-10-02</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="120"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="120"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="121"/>
        <source>每周</source>
        <translation>Every week</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="121"/>
        <source>上课时间</source>
        <translation>Class time</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="122"/>
        <source>跳过日期</source>
        <translation>Skip dates</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_dialog.py" line="127"/>
        <location filename="../../ccschool/ui/classes_dialog.py" line="128"/>
        <source>（暂不指定）</source>
        <translation>(not yet)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="113"/>
        <source>第一个管理员账号</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="114"/>
        <source>管理员可以修改设置、查看完整身份证号、添加工作人员账号。</source>
        <translation>Administrators can change settings, see full ID numbers and add staff accounts.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="115"/>
        <source>例如 王老师</source>
        <translation>e.g. Teacher Wang</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="120"/>
        <source>用户名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="121"/>
        <source>密码或PIN（至少4位）*</source>
        <translation>Password or PIN (at least 4 characters) *</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="122"/>
        <source>再输一次 *</source>
        <translation>Repeat it *</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="127"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="134"/>
        <source>两次输入的密码不一样</source>
        <translation>The two passwords are not the same</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ccschool/ui/app.py" line="44"/>
        <location filename="../../ccschool/ui/app.py" line="77"/>
        <source>社区学校学习管理</source>
        <translation>Community School Learning Records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/app.py" line="102"/>
        <source>示范站点：用户名 %1，密码 %2</source>
        <translation>Demo site: user name %1, password %2</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="209"/>
        <source>安排志愿者</source>
        <translation>Assign helper</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="219"/>
        <source>志愿者</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="221"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="226"/>
        <source>已安排</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="227"/>
        <source>课次标记为已上课后，自动记入该课次的服务时长。</source>
        <translation>When the session is marked held, its hours are credited automatically.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="230"/>
        <source>安排</source>
        <translation>Assign</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ccschool/ui/checkin_widgets.py" line="63"/>
        <source>登记为插班生并签到</source>
        <translation>Enrol as walk-in and sign in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_widgets.py" line="80"/>
        <source>请出示学习卡</source>
        <translation>Please show your learning card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_widgets.py" line="112"/>
        <source>已到 {here} / {total}</source>
        <translation>Here {here} / {total}</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../ccschool/ui/camera.py" line="27"/>
        <source>摄像头功能不可用：缺少系统多媒体组件，请用扫码枪或按姓名签到</source>
        <translation>Webcam unavailable: the system's multimedia components are missing; use the scanner or sign in by name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/camera.py" line="29"/>
        <source>未检测到摄像头：请接好USB摄像头后重新打开签到页，或用扫码枪</source>
        <translation>No camera found: plug in a USB webcam and reopen the check-in page, or use the scanner</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../ccschool/ui/camera.py" line="105"/>
        <source>摄像头扫码</source>
        <translation>Scan with webcam</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/camera.py" line="108"/>
        <source>把学习卡的二维码对准摄像头</source>
        <translation>Hold the learning card's QR code up to the camera</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="45"/>
        <source>扫描学习卡二维码（扫码枪），或输入卡号内容后按回车</source>
        <translation>Scan the learning card's QR code (scanner), or type its content and press Enter</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="51"/>
        <source>课次：</source>
        <translation>Session:</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="66"/>
        <source>按姓名签到</source>
        <translation>Sign in by name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="67"/>
        <source>请假</source>
        <translation>Mark excused</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="68"/>
        <source>录入纸质签到表</source>
        <translation>Enter paper sign-in sheet</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="69"/>
        <source>撤销所选签到</source>
        <translation>Undo selected sign-in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="70"/>
        <location filename="../../ccschool/ui/checkin_page.py" line="292"/>
        <source>结束课次</source>
        <translation>Close session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="71"/>
        <source>摄像头扫码</source>
        <translation>Scan with webcam</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="91"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="91"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="91"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="92"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="92"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="121"/>
        <source>今天没有课次（可在“班级”页安排）</source>
        <translation>No sessions today (schedule them on the Classes page)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="130"/>
        <source>今天没有课次</source>
        <translation>No sessions today</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="130"/>
        <source>请在“班级”页安排课次后再签到</source>
        <translation>Schedule a session on the Classes page before signing in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="134"/>
        <source>请出示学习卡</source>
        <translation>Please show your learning card</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="154"/>
        <source>扫码枪</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="154"/>
        <source>摄像头</source>
        <translation>Webcam</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="154"/>
        <source>手工</source>
        <translation>By hand</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="155"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="155"/>
        <source>结束时记缺勤</source>
        <translation>Absent at close</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="189"/>
        <source>时间 {t}</source>
        <translation>Time {t}</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="192"/>
        <source>无法识别</source>
        <translation>Unrecognised</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="217"/>
        <source>没有选定课次</source>
        <translation>No session chosen</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="217"/>
        <source>请先选择课次</source>
        <translation>Choose a session first</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="247"/>
        <source>纸质签到表已录入</source>
        <translation>Paper sheet entered</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="248"/>
        <source>新记出勤 {n} 人</source>
        <translation>{n} newly marked present</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="264"/>
        <location filename="../../ccschool/ui/checkin_page.py" line="269"/>
        <source>撤销签到</source>
        <translation>Undo sign-in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="265"/>
        <source>请先在下方列表中选中要撤销的签到</source>
        <translation>First select the sign-in to undo in the list below</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="270"/>
        <source>撤销 {name} 的签到？请填写原因（将记入操作日志）</source>
        <translation>Undo {name}'s sign-in? Give a reason (it is kept in the audit log)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="284"/>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="284"/>
        <source>该签到已撤销并记入日志</source>
        <translation>The sign-in was undone and logged</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="293"/>
        <source>结束“{name}”的签到？
未签到且未请假的学员将记为缺勤。</source>
        <translation>Close sign-in for “{name}”?
Everyone not signed in and not excused will be marked absent.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="312"/>
        <source>课次已结束</source>
        <translation>Session closed</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="313"/>
        <source>出勤 {present} / {enrolled}，缺勤 {absent}</source>
        <translation>Present {present} / {enrolled}, absent {absent}</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_page.py" line="318"/>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>CheckinStatus</name>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="18"/>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="19"/>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="20"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="21"/>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="22"/>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="53"/>
        <source>欢迎使用社区学校学习管理</source>
        <translation>Welcome to Community School Learning Records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="54"/>
        <source>这台电脑上还没有站点。请选择：</source>
        <translation>This computer has no site yet. Please choose:</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="55"/>
        <source>加入为新站点（县社区教育学院已给了站点代码）</source>
        <translation>Join as a new site (the county college has given you a site code)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="56"/>
        <source>先打开示范站点看看（自动生成示范数据）</source>
        <translation>Try the demo site first (demo data is made for you)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="64"/>
        <source>示范站点用于熟悉操作，数据都是虚构的。</source>
        <translation>The demo site is for getting to know the app; all its data is made up.</translation>
    </message>
</context>
<context>
    <name>ClassesCommon</name>
    <message>
        <location filename="../../ccschool/ui/classes_common.py" line="84"/>
        <source>无法完成</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="20"/>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="20"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="18"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="65"/>
        <source>全部主题</source>
        <translation>All themes</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="70"/>
        <source>搜索课程名称</source>
        <translation>Search course names</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="72"/>
        <location filename="../../ccschool/ui/classes_page.py" line="91"/>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="72"/>
        <location filename="../../ccschool/ui/classes_page.py" line="93"/>
        <source>学期</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="73"/>
        <location filename="../../ccschool/ui/classes_page.py" line="92"/>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="77"/>
        <source>场地资源库…</source>
        <translation>Venues…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="78"/>
        <source>新建班级…</source>
        <translation>New class…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="91"/>
        <source>课程</source>
        <translation>Course</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="92"/>
        <source>教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="93"/>
        <source>人数（+候补）</source>
        <translation>Learners (+waiting)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="105"/>
        <location filename="../../ccschool/ui/classes_page.py" line="254"/>
        <source>请在左侧选择一个班级</source>
        <translation>Choose a class on the left</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="110"/>
        <source>课次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="111"/>
        <source>学员</source>
        <translation>Learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="132"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="133"/>
        <source>星期</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="134"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="134"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="135"/>
        <location filename="../../ccschool/ui/classes_page.py" line="155"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="136"/>
        <source>签到</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="137"/>
        <source>志愿者</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="138"/>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="143"/>
        <source>添加课次…</source>
        <translation>Add session…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="144"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="145"/>
        <source>标记已上课</source>
        <translation>Mark held</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="146"/>
        <location filename="../../ccschool/ui/classes_page.py" line="348"/>
        <source>取消课次</source>
        <translation>Cancel session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="147"/>
        <source>安排志愿者…</source>
        <translation>Assign helper…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="154"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="154"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="155"/>
        <source>已报名</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="155"/>
        <source>候补</source>
        <translation>Waitlist</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="156"/>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="156"/>
        <source>现场</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="161"/>
        <source>报名…</source>
        <translation>Enroll…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="162"/>
        <location filename="../../ccschool/ui/classes_page.py" line="360"/>
        <source>退出班级</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="182"/>
        <source>全部场地</source>
        <translation>All venues</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="185"/>
        <source>全部学期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="186"/>
        <source>进行中</source>
        <translation>Running now</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="269"/>
        <source>教师：</source>
        <translation>Teacher: </translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="270"/>
        <source>场地：</source>
        <translation>Venue: </translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="270"/>
        <source>线上</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="271"/>
        <source>学期：</source>
        <translation>Term: </translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="272"/>
        <source>人数：</source>
        <translation>Learners: </translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="272"/>
        <source>（候补 %1 人）</source>
        <translation> (%1 waiting)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="274"/>
        <source>每次 %1 学时</source>
        <translation>%1 h per session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="275"/>
        <source>结业出勤率 %1%</source>
        <translation>Certificate at %1% attendance</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="276"/>
        <source>课次 %1/%2 已上</source>
        <translation>%1 of %2 sessions held</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="278"/>
        <source>对象：</source>
        <translation>For: </translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="336"/>
        <source>已标记 %1 的课次为已上课</source>
        <translation>Marked the session of %1 as held</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="344"/>
        <source>该课次已有 %1 条签到记录。取消后这些记录仍然保留。
确定取消 %2 的课次吗？</source>
        <translation>This session has %1 sign-ins. They are kept if you cancel it.
Cancel the session of %2?</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="346"/>
        <source>确定取消 %2 的课次吗？其他课次不受影响。</source>
        <translation>Cancel the session of %2? Other sessions are not affected.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="356"/>
        <source>已取消 %1 的课次</source>
        <translation>Cancelled the session of %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="361"/>
        <source>确定让 %1 退出本班吗？</source>
        <translation>Withdraw %1 from this class?</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="372"/>
        <source>%1 已退出</source>
        <translation>%1 withdrew</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_page.py" line="376"/>
        <source>；候补学员 %1 已转为正式报名</source>
        <translation>; %1 moved up from the waitlist</translation>
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="98"/>
        <source>县平台</source>
        <translation>County platform</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="99"/>
        <source>县里还没有平台或暂时不知道，可以留空，以后在“设置”里填写。</source>
        <translation>If the county has no platform yet, or you do not know it, leave this empty and fill it in later under Settings.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="103"/>
        <source>县平台地址</source>
        <translation>County platform address</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="104"/>
        <source>上传令牌</source>
        <translation>Upload token</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="155"/>
        <source>正在准备示范站点</source>
        <translation>Preparing the demo site</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="156"/>
        <source>正在生成示范学员、班级和考勤，请稍候……</source>
        <translation>Making demo learners, classes and attendance, please wait…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="188"/>
        <source>示范站点已准备好。用户名：%1，密码：%2</source>
        <translation>The demo site is ready. User name: %1, password: %2</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="82"/>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="101"/>
        <source>报名</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="86"/>
        <source>卡号、姓名、拼音首字母或手机尾号</source>
        <translation>Card no., name, pinyin initials or phone tail</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="90"/>
        <source>已在本班</source>
        <translation>In this class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="90"/>
        <source>候补中</source>
        <translation>Waitlisted</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="91"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="92"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="93"/>
        <source>本班</source>
        <translation>This class</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="102"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="133"/>
        <source>班级已满</source>
        <translation>Class full</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="133"/>
        <source>加入候补名单？有人退出时按先后顺序转正。</source>
        <translation>Put on the waitlist? When someone withdraws, the first waiting learner moves up.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="140"/>
        <source>已报名：</source>
        <translation>Enrolled: </translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="140"/>
        <source>已加入候补：</source>
        <translation>Waitlisted: </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="49"/>
        <source>没有保存任何改动。</source>
        <translation>No change was saved.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="51"/>
        <source>程序遇到了一个意外错误，刚才的操作没有完成。</source>
        <translation>The program ran into an unexpected error; the last action was not completed.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="53"/>
        <source>出错的地方：%1</source>
        <translation>What failed: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="54"/>
        <source>已确认保存的数据都还在：每项操作要么完整保存，要么完全不保存。</source>
        <translation>Everything saved before is still there: each action is either saved completely or not at all.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="55"/>
        <source>详细情况已记入日志文件：%1</source>
        <translation>Details are in the log file: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="56"/>
        <source>可以继续使用本程序；如果问题反复出现，请把日志文件发给技术人员。</source>
        <translation>You can go on using the program; if the problem comes back, send the log file to your IT contact.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/errors.py" line="66"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="211"/>
        <source>首次使用</source>
        <translation>First start</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="214"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="215"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="216"/>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="217"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>InstructorDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="32"/>
        <source>加入师资库</source>
        <translation>Add to pool</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="36"/>
        <source>11位手机号</source>
        <translation>11-digit mobile</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="45"/>
        <source>如：智能手机辅导、健康讲座</source>
        <translation>e.g. smartphone help, health talks</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="46"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="46"/>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="47"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="47"/>
        <source>单位类型</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="48"/>
        <source>工作单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="48"/>
        <source>特长</source>
        <translation>Skills</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="50"/>
        <source>姓名和手机号与已有学员相同时，视为同一人。</source>
        <translation>Same name and phone as an existing learner means the same person.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ccschool/ui/login.py" line="104"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/login.py" line="106"/>
        <source>一段时间没有操作，程序已锁定以保护学员信息。请再次输入密码。</source>
        <translation>Nobody used the program for a while, so it locked itself to protect learners&apos; data. Enter the password again.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/login.py" line="109"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ccschool/ui/login.py" line="78"/>
        <source>登录 — 社区学校学习管理</source>
        <translation>Log in — Community School Learning Records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/login.py" line="79"/>
        <source>社区学校学习管理</source>
        <translation>Community School Learning Records</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <location filename="../../ccschool/ui/login.py" line="43"/>
        <source>密码或PIN</source>
        <translation>Password or PIN</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/login.py" line="46"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/login.py" line="49"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/login.py" line="50"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ccschool/ui/main_window.py" line="53"/>
        <source>社区学校学习管理</source>
        <translation>Community School Learning Records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/main_window.py" line="97"/>
        <source>程序(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/main_window.py" line="98"/>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/main_window.py" line="101"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/main_window.py" line="242"/>
        <source>此功能尚未安装。请在软件更新后再使用。</source>
        <translation>This feature is not installed yet. It will be available after a software update.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/main_window.py" line="250"/>
        <source>此功能暂时无法打开，其他功能不受影响。详细情况已记入日志（数据文件夹下的 %1）。</source>
        <translation>This feature cannot be opened right now; everything else still works. Details are in the log (%1 in the data folder).</translation>
    </message>
</context>
<context>
    <name>MarkDialog</name>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="54"/>
        <source>按姓名签到 / 请假</source>
        <translation>Sign in by name / excuse</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="57"/>
        <source>姓名、拼音首字母（如 zs）、卡号或手机尾号</source>
        <translation>Name, pinyin initials (e.g. zs), card no. or phone tail</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="60"/>
        <source>请假原因（请假必填）</source>
        <translation>Reason (required when excused)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="63"/>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="63"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="64"/>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="95"/>
        <source>未报名（将插班）</source>
        <translation>Not enrolled (will join as walk-in)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="105"/>
        <source>请先选择学员</source>
        <translation>Choose a learner first</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="114"/>
        <source>{name}：已记为{status}</source>
        <translation>{name}: marked {status}</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="23"/>
        <source>签到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="24"/>
        <source>学员</source>
        <translation>Learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="25"/>
        <source>班级</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="26"/>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="27"/>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="28"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="29"/>
        <source>同步</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/pages.py" line="30"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>ServiceRecordDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="76"/>
        <source>添加服务记录</source>
        <translation>Add service record</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="93"/>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="95"/>
        <source>如：防诈宣传、图书整理</source>
        <translation>e.g. anti-fraud outreach, library duty</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="96"/>
        <source>志愿者</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="96"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="97"/>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_volunteer_dialogs.py" line="97"/>
        <source>服务内容</source>
        <translation>Activity</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="32"/>
        <source>修改课次</source>
        <translation>Edit session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="32"/>
        <source>添加课次</source>
        <translation>Add session</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="48"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="48"/>
        <source>上课</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="49"/>
        <source>下课</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="49"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="50"/>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="52"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="24"/>
        <source>一学时的分钟数</source>
        <translation>Minutes in one study hour</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="25"/>
        <source>每学分所需学时</source>
        <translation>Study hours per credit</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="26"/>
        <source>开课后多少分钟算迟到</source>
        <translation>Minutes after the start that count as late</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="27"/>
        <source>结业证书默认出勤率（%）</source>
        <translation>Attendance needed for a certificate (%)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="28"/>
        <source>参与率目标（%）</source>
        <translation>Participation-rate target (%)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="61"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="63"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="85"/>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="90"/>
        <source>大字模式（字更大，适合老年人使用）</source>
        <translation>Large text (bigger letters, easier to read)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="91"/>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="92"/>
        <source>不锁定</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="95"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="97"/>
        <source>空闲多久后锁定</source>
        <translation>Lock after being idle for</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="98"/>
        <source>语言和大字模式在重新启动程序后生效。</source>
        <translation>Language and large text take effect when the program is started again.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="102"/>
        <source>学时与证书</source>
        <translation>Study hours and certificates</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="116"/>
        <source>县平台</source>
        <translation>County platform</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="119"/>
        <source>县平台要求上传完整身份证号</source>
        <translation>The county requires full ID numbers</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="121"/>
        <source>县平台地址</source>
        <translation>County platform address</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="122"/>
        <source>上传令牌</source>
        <translation>Upload token</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="127"/>
        <source>各村（社区）常住人口</source>
        <translation>Resident population per village (community)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="129"/>
        <source>每行一个，例如：东山村=1520</source>
        <translation>One per line, e.g. Dongshan Village=1520</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="133"/>
        <source>用于计算参与率。</source>
        <translation>Used to work out the participation rate.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="138"/>
        <source>工作人员账号</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="141"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="143"/>
        <source>密码或PIN</source>
        <translation>Password or PIN</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="145"/>
        <location filename="../../ccschool/ui/settings_page.py" line="181"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="146"/>
        <location filename="../../ccschool/ui/settings_page.py" line="181"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="147"/>
        <source>添加账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="182"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="190"/>
        <source>只有管理员可以修改设置。</source>
        <translation>Only an administrator can change settings.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="211"/>
        <source>已保存（%1 项改动）。</source>
        <translation>Saved (%1 changes).</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="243"/>
        <source>不能添加账号</source>
        <translation>Cannot add the account</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/settings_page.py" line="247"/>
        <source>账号已添加。</source>
        <translation>Account added.</translation>
    </message>
</context>
<context>
    <name>SheetDialog</name>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="130"/>
        <source>录入纸质签到表</source>
        <translation>Enter paper sign-in sheet</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="133"/>
        <source>筛选：姓名或拼音首字母</source>
        <translation>Filter: name or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/checkin_dialogs.py" line="190"/>
        <source>本次勾选 {n} 人</source>
        <translation>{n} ticked now</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="75"/>
        <source>站点信息</source>
        <translation>Site details</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="76"/>
        <source>站点代码和名称以县里下发的为准。</source>
        <translation>Use the site code and name the county gave you.</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="77"/>
        <source>例如 330281101</source>
        <translation>e.g. 330281101</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="78"/>
        <source>例如 东山镇社区学校</source>
        <translation>e.g. Dongshan Township Community School</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="80"/>
        <source>乡镇社区学校</source>
        <translation>Township community school</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="81"/>
        <source>村（社区）教学站点</source>
        <translation>Village (community) teaching point</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="82"/>
        <source>例如 镇社区学校多功能教室</source>
        <translation>e.g. Multi-purpose room of the township school</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="85"/>
        <source>站点代码 *</source>
        <translation>Site code *</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="86"/>
        <source>站点名称 *</source>
        <translation>Site name *</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="87"/>
        <source>站点级别</source>
        <translation>Site level</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="88"/>
        <source>主要上课场地 *</source>
        <translation>Main venue *</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/first_run.py" line="89"/>
        <source>场地地址</source>
        <translation>Venue address</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="59"/>
        <source>连接：未检测</source>
        <translation>Connection: not checked</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="70"/>
        <source>今日签到 %1 人次</source>
        <translation>Signed in today: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="71"/>
        <source>待上传 %1 条</source>
        <translation>To upload: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="73"/>
        <source>最近备份：%1</source>
        <translation>Last backup: %1</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="74"/>
        <source>最近备份：无</source>
        <translation>Last backup: none</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="79"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="79"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="80"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/status_bar.py" line="83"/>
        <source>连接：%1</source>
        <translation>Connection: %1</translation>
    </message>
</context>
<context>
    <name>VenuesDialog</name>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="152"/>
        <source>场地资源库</source>
        <translation>Venues</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="155"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="156"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="157"/>
        <source>容纳人数</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="158"/>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="172"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="163"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="171"/>
        <source>场地名称</source>
        <translation>Venue name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="178"/>
        <source>人数</source>
        <translation>Learners</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/classes_small_dialogs.py" line="179"/>
        <source>添加场地</source>
        <translation>Add venue</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="33"/>
        <source>师资库</source>
        <translation>Pool</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="34"/>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="35"/>
        <source>月度时长</source>
        <translation>Monthly hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="46"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="50"/>
        <source>姓名、拼音首字母或手机尾号</source>
        <translation>Name, pinyin initials or phone tail</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="52"/>
        <source>加入师资库…</source>
        <translation>Add to pool…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="54"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="61"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="117"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="60"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="95"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="116"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="62"/>
        <source>单位类型</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="63"/>
        <source>工作单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="64"/>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="65"/>
        <source>特长</source>
        <translation>Skills</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="84"/>
        <source>添加服务记录…</source>
        <translation>Add service record…</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="86"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="178"/>
        <source>删除记录</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="88"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="110"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="95"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="96"/>
        <location filename="../../ccschool/ui/volunteers_page.py" line="119"/>
        <source>时长（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="97"/>
        <source>服务内容</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="98"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="98"/>
        <source>课次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="98"/>
        <source>手工</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="118"/>
        <source>服务次数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="165"/>
        <source>合计 %1 小时，%2 人</source>
        <translation>Total %1 h, %2 people</translation>
    </message>
    <message>
        <location filename="../../ccschool/ui/volunteers_page.py" line="179"/>
        <source>确定删除 %1 %2 的这条服务记录吗？</source>
        <translation>Delete this service record of %2 on %1?</translation>
    </message>
</context>
</TS>
