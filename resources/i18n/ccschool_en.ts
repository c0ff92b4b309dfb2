<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddClassDialog</name>
    <message>
        <source>新建班级</source>
        <translation>New class</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>如：智能手机应用</source>
        <translation>e.g. Using smartphones</translation>
    </message>
    <message>
        <source>请选择课程主题</source>
        <translation>Choose the course theme</translation>
    </message>
    <message>
        <source>按场地容量</source>
        <translation>Venue&apos;s capacity</translation>
    </message>
    <message>
        <source>线上课程</source>
        <translation>Online class</translation>
    </message>
    <message>
        <source>课程名称</source>
        <translation>Course name</translation>
    </message>
    <message>
        <source>课程主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>授课教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>人数上限</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>每次课学时</source>
        <translation>Study hours per session</translation>
    </message>
    <message>
        <source>结业出勤率</source>
        <translation>Attendance for certificate</translation>
    </message>
    <message>
        <source>培训对象</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>按周排课（生成本学期课次）</source>
        <translation>Weekly schedule (creates the term&apos;s sessions)</translation>
    </message>
    <message>
        <source>如 2026-10-01..2026-10-07, 2027-01-01</source>
        <translation>e.g. 2026-10-01..2026-10-07, 2027-01-01</translation>
    </message>
    <message>
        <source>节假日：日期或日期范围，用逗号分隔</source>
        <translation>Holidays: dates or date ranges, separated by commas</translation>
    </message>
    <message>
        <source>导入节假日文件…</source>
        <translation>Import holiday file…</translation>
    </message>
    <message>
        <source>{0}（县师资库）</source>
        <translation>{0} (county list)</translation>
    </message>
    <message>
        <source>导入节假日文件</source>
        <translation>Import holiday file</translation>
    </message>
    <message>
        <source>节假日文件 (*.txt *.json);;所有文件 (*)</source>
        <translation>Holiday files (*.txt *.json);;All files (*)</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Every week</translation>
    </message>
    <message>
        <source>上课时间</source>
        <translation>Class time</translation>
    </message>
    <message>
        <source>跳过日期</source>
        <translation>Skip dates</translation>
    </message>
    <message>
        <source>（暂不指定）</source>
        <translation>(not yet)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>第一个管理员账号</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <source>管理员可以修改设置、查看完整身份证号、添加工作人员账号。</source>
        <translation>Administrators can change settings, see full ID numbers and add staff accounts.</translation>
    </message>
    <message>
        <source>例如 王老师</source>
        <translation>e.g. Teacher Wang</translation>
    </message>
    <message>
        <source>用户名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <source>密码（至少8位，不能全是数字）*</source>
        <translation>Password (at least 8 characters, not only digits) *</translation>
    </message>
    <message>
        <source>再输一次 *</source>
        <translation>Repeat it *</translation>
    </message>
    <message>
        <source>两次输入的密码不一样</source>
        <translation>The two passwords are not the same</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>社区学校学习管理</source>
        <translation>Community School Learning Records</translation>
    </message>
    <message>
        <source>示范站点：用户名 %1，密码 %2</source>
        <translation>Demo site: user name %1, password %2</translation>
    </message>
</context>
<context>
    <name>ArchiveView</name>
    <message>
        <source>输入或扫描卡号</source>
        <translation>Type or scan a card number</translation>
    </message>
    <message>
        <source>查询档案</source>
        <translation>Show archive</translation>
    </message>
    <message>
        <source>打印学习档案…</source>
        <translation>Print learning archive…</translation>
    </message>
    <message>
        <source>输入卡号查看学员的全部学习记录</source>
        <translation>Enter a card number to see all of a learner&apos;s learning records</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>首次上课</source>
        <translation>First session</translation>
    </message>
    <message>
        <source>出勤次数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>应到次数</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>学习档案 班级</source>
        <translation>learning record – classes</translation>
    </message>
    <message>
        <source>学习档案 课次</source>
        <translation>learning record – sessions</translation>
    </message>
    <message>
        <source>%1年 %2学时</source>
        <translation>%1: %2 hours</translation>
    </message>
    <message>
        <source>累计 %1 个班级，%2 次课，%3 学时，%4 学分，%5 张证书</source>
        <translation>In all %1 classes, %2 sessions, %3 hours, %4 credits, %5 certificates</translation>
    </message>
    <message>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>保存学习档案</source>
        <translation>Save learning archive</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>安排志愿者</source>
        <translation>Assign helper</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Helper</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>已安排</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>课次标记为已上课后，自动记入该课次的服务时长。</source>
        <translation>When the session is marked held, its hours are credited automatically.</translation>
    </message>
    <message>
        <source>安排</source>
        <translation>Assign</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>显示更多</source>
        <translation>Show more</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>身份证号和手机号已隐去中间几位。双击一行查看修改前后的全部内容。</source>
        <translation>ID and phone numbers are partly hidden. Double-click a row to see everything before and after the change.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>变更</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>已显示 %1 条</source>
        <translation>%1 shown</translation>
    </message>
    <message>
        <source>已显示 %1 条，还有更早的记录</source>
        <translation>%1 shown; there are older entries</translation>
    </message>
    <message>
        <source>修改前：</source>
        <translation>Before:</translation>
    </message>
    <message>
        <source>修改后：</source>
        <translation>After:</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>没有写出文件：%1</source>
        <translation>No file was written: %1</translation>
    </message>
    <message>
        <source>已导出 %1 条到 %2</source>
        <translation>Exported %1 entries to %2</translation>
    </message>
    <message>
        <source>导出操作日志</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>备份到U盘…</source>
        <translation>Back up to a USB stick…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>只有管理员可以恢复</source>
        <translation>Only an administrator can restore</translation>
    </message>
    <message>
        <source>本机上的备份（双击可恢复）：</source>
        <translation>Backups on this computer (double-click to restore):</translation>
    </message>
    <message>
        <source>还没有备份过。</source>
        <translation>No backup has been made yet.</translation>
    </message>
    <message>
        <source>上次备份：{0}（已校验）
{1}</source>
        <translation>Last backup: {0} (verified)
{1}</translation>
    </message>
    <message>
        <source>上次备份失败：{0}</source>
        <translation>The last backup failed: {0}</translation>
    </message>
    <message>
        <source>出错了：{0}</source>
        <translation>Something went wrong: {0}</translation>
    </message>
    <message>
        <source>已取消备份到U盘。</source>
        <translation>USB backup cancelled.</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>选择U盘或文件夹</source>
        <translation>Choose a USB stick or folder</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>ccschool 备份 (*.db *.ccsbak);;所有文件 (*)</source>
        <translation>ccschool backups (*.db *.ccsbak);;All files (*)</translation>
    </message>
    <message>
        <source>已恢复：学员 {0} 名，考勤 {1} 条。</source>
        <translation>Restored: {0} learners, {1} attendance records. </translation>
    </message>
    <message>
        <source>损坏的数据库文件另存为 {0}。</source>
        <translation>The damaged database file was kept as {0}.</translation>
    </message>
    <message>
        <source>恢复前的数据已备份。</source>
        <translation>The data from before the restore was backed up.</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>导出、打印、备份或同步正在后台进行，请等它完成后再恢复。</source>
        <translation>An export, printing, backup or sync is running in the background; wait until it is done, then restore.</translation>
    </message>
    <message>
        <source>用这个备份替换现在的数据？
{0}

现在的数据会先自动备份，可以再恢复回来。</source>
        <translation>Replace the current data with this backup?
{0}

The current data is backed up first, so you can go back to it.</translation>
    </message>
    <message>
        <source>已取消恢复，没有做任何改动。</source>
        <translation>Restore cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>正在检查并恢复备份…</source>
        <translation>Checking and restoring the backup…</translation>
    </message>
</context>
<context>
    <name>BackupPasswordDialog</name>
    <message>
        <source>备份密码</source>
        <translation>Backup password</translation>
    </message>
    <message>
        <source>备份到U盘会加密。请设置这份备份的密码（至少 8 个字符），恢复时要用。密码丢了，这份备份就打不开了。</source>
        <translation>A backup to a USB stick is encrypted. Set a password for this backup (at least 8 characters); restoring it needs the password. Without it the backup cannot be opened.</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>{0} 是加密备份，请输入备份时设置的密码。</source>
        <translation>{0} is an encrypted backup; enter the password set when it was made.</translation>
    </message>
    <message>
        <source>两次输入的密码不一样。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>登记为插班生并签到</source>
        <translation>Enrol as walk-in and sign in</translation>
    </message>
    <message>
        <source>请出示学习卡</source>
        <translation>Please show your learning card</translation>
    </message>
    <message>
        <source>已到 {here} / {total}</source>
        <translation>Here {here} / {total}</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>摄像头功能不可用：缺少系统多媒体组件，请用扫码枪或按姓名签到</source>
        <translation>Webcam unavailable: the system&apos;s multimedia components are missing; use the scanner or sign in by name</translation>
    </message>
    <message>
        <source>未检测到摄像头：请接好USB摄像头后重新打开签到页，或用扫码枪</source>
        <translation>No camera found: plug in a USB webcam and reopen the check-in page, or use the scanner</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>摄像头扫码</source>
        <translation>Scan with webcam</translation>
    </message>
    <message>
        <source>把学习卡的二维码对准摄像头</source>
        <translation>Hold the learning card&apos;s QR code up to the camera</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <source>扫描学习卡二维码（扫码枪），或输入卡号内容后按回车</source>
        <translation>Scan the learning card&apos;s QR code (scanner), or type its content and press Enter</translation>
    </message>
    <message>
        <source>课次：</source>
        <translation>Session:</translation>
    </message>
    <message>
        <source>按姓名签到</source>
        <translation>Sign in by name</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Mark excused</translation>
    </message>
    <message>
        <source>录入纸质签到表</source>
        <translation>Enter paper sign-in sheet</translation>
    </message>
    <message>
        <source>撤销所选签到</source>
        <translation>Undo selected sign-in</translation>
    </message>
    <message>
        <source>结束课次</source>
        <translation>Close session</translation>
    </message>
    <message>
        <source>摄像头扫码</source>
        <translation>Scan with webcam</translation>
    </message>
    <message>
        <source>手机签到</source>
        <translation>Phone sign-in</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>签到名单</source>
        <translation>Sign-ins</translation>
    </message>
    <message>
        <source>今天没有课次（可在“班级”页安排）</source>
        <translation>No sessions today (schedule them on the Classes page)</translation>
    </message>
    <message>
        <source>今天没有课次</source>
        <translation>No sessions today</translation>
    </message>
    <message>
        <source>请在“班级”页安排课次后再签到</source>
        <translation>Schedule a session on the Classes page before signing in</translation>
    </message>
    <message>
        <source>请出示学习卡</source>
        <translation>Please show your learning card</translation>
    </message>
    <message>
        <source>扫码枪</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>摄像头</source>
        <translation>Webcam</translation>
    </message>
    <message>
        <source>手工</source>
        <translation>By hand</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>结束时记缺勤</source>
        <translation>Absent at close</translation>
    </message>
    <message>
        <source>纸质签到表</source>
        <translation>Paper sheet</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>第二签到台</source>
        <translation>Second desk</translation>
    </message>
    <message>
        <source>时间 {t}</source>
        <translation>Time {t}</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>Unrecognised</translation>
    </message>
    <message>
        <source>没有选定课次</source>
        <translation>No session chosen</translation>
    </message>
    <message>
        <source>请先选择课次</source>
        <translation>Choose a session first</translation>
    </message>
    <message>
        <source>纸质签到表已录入</source>
        <translation>Paper sheet entered</translation>
    </message>
    <message>
        <source>录入 {n} 人的考勤</source>
        <translation>Attendance entered for {n}</translation>
    </message>
    <message>
        <source>撤销签到</source>
        <translation>Undo sign-in</translation>
    </message>
    <message>
        <source>请先在下方列表中选中要撤销的签到</source>
        <translation>First select the sign-in to undo in the list below</translation>
    </message>
    <message>
        <source>撤销 {name} 的签到？请填写原因（将记入操作日志）</source>
        <translation>Undo {name}&apos;s sign-in? Give a reason (it is kept in the audit log)</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <source>该签到已撤销并记入日志</source>
        <translation>The sign-in was undone and logged</translation>
    </message>
    <message>
        <source>结束“{name}”的签到？
未签到且未请假的学员将记为缺勤。</source>
        <translation>Close sign-in for “{name}”?
Everyone not signed in and not excused will be marked absent.</translation>
    </message>
    <message>
        <source>课次已结束</source>
        <translation>Session closed</translation>
    </message>
    <message>
        <source>出勤 {present} / {enrolled}，缺勤 {absent}</source>
        <translation>Present {present} / {enrolled}, absent {absent}</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>CheckinStatus</name>
    <message>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>欢迎使用社区学校学习管理</source>
        <translation>Welcome to Community School Learning Records</translation>
    </message>
    <message>
        <source>这台电脑上还没有站点。请选择：</source>
        <translation>This computer has no site yet. Please choose:</translation>
    </message>
    <message>
        <source>加入为新站点（县社区教育学院已给了站点代码）</source>
        <translation>Join as a new site (the county college has given you a site code)</translation>
    </message>
    <message>
        <source>加入本站点的另一台电脑（管理员已给了加入文件和验证码）</source>
        <translation>Join this site as another computer (an admin gave you a join file and a code)</translation>
    </message>
    <message>
        <source>先打开示范站点看看（自动生成示范数据）</source>
        <translation>Try the demo site first (demo data is made for you)</translation>
    </message>
    <message>
        <source>示范站点用于熟悉操作，数据都是虚构的。</source>
        <translation>The demo site is for getting to know the app; all its data is made up.</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>第1步：选择花名册文件</source>
        <translation>Step 1: choose the roster file</translation>
    </message>
    <message>
        <source>支持WPS或Excel保存的 .xlsx（旧版 .xls 也可）；标题行、合并单元格无需删除。</source>
        <translation>Workbooks saved by WPS or Excel (.xlsx, old .xls too); title rows and merged cells can stay.</translation>
    </message>
    <message>
        <source>花名册文件路径</source>
        <translation>Roster file path</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>选择花名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xls);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx *.xls);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ClassDetailDialog</name>
    <message>
        <source>班级明细</source>
        <translation>Class details</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>满意度测评…</source>
        <translation>Satisfaction survey…</translation>
    </message>
    <message>
        <source>未开课</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>已上课</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>已停课</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>ClassesCommon</name>
    <message>
        <source>无法完成</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <source>全部主题</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>搜索课程名称</source>
        <translation>Search course names</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>学期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>场地资源库…</source>
        <translation>Venues…</translation>
    </message>
    <message>
        <source>新建班级…</source>
        <translation>New class…</translation>
    </message>
    <message>
        <source>课程</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>候补</source>
        <translation>Waitlist</translation>
    </message>
    <message>
        <source>请在左侧选择一个班级</source>
        <translation>Choose a class on the left</translation>
    </message>
    <message>
        <source>人数（+候补）</source>
        <translation>Learners (+waiting)</translation>
    </message>
    <message>
        <source>班级列表</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>课表（月历）</source>
        <translation>Timetable (month)</translation>
    </message>
    <message>
        <source>课次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Helper</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>添加课次…</source>
        <translation>Add session…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>标记已上课</source>
        <translation>Mark held</translation>
    </message>
    <message>
        <source>取消课次</source>
        <translation>Cancel session</translation>
    </message>
    <message>
        <source>安排志愿者…</source>
        <translation>Assign helper…</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>已报名</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>现场</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>报名…</source>
        <translation>Enroll…</translation>
    </message>
    <message>
        <source>退出班级</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>全部场地</source>
        <translation>All venues</translation>
    </message>
    <message>
        <source>全部学期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Running now</translation>
    </message>
    <message>
        <source>教师：</source>
        <translation>Teacher: </translation>
    </message>
    <message>
        <source>场地：</source>
        <translation>Venue: </translation>
    </message>
    <message>
        <source>线上</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>学期：</source>
        <translation>Term: </translation>
    </message>
    <message>
        <source>人数：</source>
        <translation>Learners: </translation>
    </message>
    <message>
        <source>（候补 %1 人）</source>
        <translation> (%1 waiting)</translation>
    </message>
    <message>
        <source>每次 %1 学时</source>
        <translation>%1 h per session</translation>
    </message>
    <message>
        <source>结业出勤率 %1%</source>
        <translation>Certificate at %1% attendance</translation>
    </message>
    <message>
        <source>课次 %1/%2 已上</source>
        <translation>%1 of %2 sessions held</translation>
    </message>
    <message>
        <source>对象：</source>
        <translation>For: </translation>
    </message>
    <message>
        <source>已标记 %1 的课次为已上课</source>
        <translation>Marked the session of %1 as held</translation>
    </message>
    <message>
        <source>该课次已有 %1 条签到记录。取消后这些记录仍然保留。
确定取消 %2 的课次吗？</source>
        <translation>This session has %1 sign-ins. They are kept if you cancel it.
Cancel the session of %2?</translation>
    </message>
    <message>
        <source>确定取消 %2 的课次吗？其他课次不受影响。</source>
        <translation>Cancel the session of %2? Other sessions are not affected.</translation>
    </message>
    <message>
        <source>已取消 %1 的课次</source>
        <translation>Cancelled the session of %1</translation>
    </message>
    <message>
        <source>确定让 %1 退出本班吗？</source>
        <translation>Withdraw %1 from this class?</translation>
    </message>
    <message>
        <source>%1 已退出</source>
        <translation>%1 withdrew</translation>
    </message>
    <message>
        <source>；候补学员 %1 已转为正式报名</source>
        <translation>; %1 moved up from the waitlist</translation>
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <source>县平台</source>
        <translation>County platform</translation>
    </message>
    <message>
        <source>县里还没有平台或暂时不知道，可以留空，以后在“设置”里填写。</source>
        <translation>If the county has no platform yet, or you do not know it, leave this empty and fill it in later under Settings.</translation>
    </message>
    <message>
        <source>县平台地址</source>
        <translation>County platform address</translation>
    </message>
    <message>
        <source>上传令牌</source>
        <translation>Upload token</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>正在准备示范站点</source>
        <translation>Preparing the demo site</translation>
    </message>
    <message>
        <source>正在生成示范学员、班级和考勤，请稍候……</source>
        <translation>Making demo learners, classes and attendance, please wait…</translation>
    </message>
    <message>
        <source>示范站点已准备好。用户名：%1，密码：%2</source>
        <translation>The demo site is ready. User name: %1, password: %2</translation>
    </message>
    <message>
        <source>示范站点已准备好</source>
        <translation>The demo site is ready</translation>
    </message>
    <message>
        <source>完成。点击“开始使用”进入程序。</source>
        <translation>Finished. Click “Start” to open the program.</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <source>加入本站点的另一台电脑</source>
        <translation>Join this site as another computer</translation>
    </message>
    <message>
        <source>用管理员做的加入文件和一次性验证码。</source>
        <translation>With the join file and one-time code an admin made.</translation>
    </message>
    <message>
        <source>加入文件（.ccsjoin）</source>
        <translation>Join file (.ccsjoin)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>例如 AB3D-7KMN-Q9XZ</source>
        <translation>e.g. AB3D-7KMN-Q9XZ</translation>
    </message>
    <message>
        <source>在已有的电脑上打开“同步”页，点“添加一台电脑…”；在这里扫描那边屏幕上的二维码（或输入其下方的地址，或用U盘拷来加入文件），再输入一次性验证码。</source>
        <translation>On a computer that already has the site, open the Sync page and click “Add a computer…”; then scan the QR code on its screen here (or type the address under it, or copy the join file by USB stick), and type the one-time code.</translation>
    </message>
    <message>
        <source>二维码下方的地址</source>
        <translation>The address under the QR code</translation>
    </message>
    <message>
        <source>如 192.168.1.5:8767/K7M2P-9QXWA-3HTRD-8NZEC</source>
        <translation>e.g. 192.168.1.5:8767/K7M2P-9QXWA-3HTRD-8NZEC</translation>
    </message>
    <message>
        <source>用摄像头扫描…</source>
        <translation>Scan with webcam…</translation>
    </message>
    <message>
        <source>取文件</source>
        <translation>Fetch</translation>
    </message>
    <message>
        <source>从主电脑取</source>
        <translation>From the main computer</translation>
    </message>
    <message>
        <source>或输入地址</source>
        <translation>Or type the address</translation>
    </message>
    <message>
        <source>或用加入文件</source>
        <translation>Or a join file</translation>
    </message>
    <message>
        <source>一次性验证码 *</source>
        <translation>One-time code *</translation>
    </message>
    <message>
        <source>加入后，用在本站点已有的账号登录，然后在“同步”页同步以取得站点数据。</source>
        <translation>After joining, log in with an account you already have at this site, then sync on the Sync page to get the site&apos;s records.</translation>
    </message>
    <message>
        <source>未检测到摄像头：请输入二维码下方的地址，或用U盘拷加入文件</source>
        <translation>No webcam found: type the address under the QR code, or copy the join file by USB stick</translation>
    </message>
    <message>
        <source>选择加入文件</source>
        <translation>Choose the join file</translation>
    </message>
    <message>
        <source>加入文件 (*.ccsjoin);;所有文件 (*)</source>
        <translation>Join files (*.ccsjoin);;All files (*)</translation>
    </message>
    <message>
        <source>把主电脑屏幕上的二维码对准摄像头</source>
        <translation>Hold the webcam towards the QR code on the main computer&apos;s screen</translation>
    </message>
    <message>
        <source>正在从主电脑取加入文件…</source>
        <translation>Fetching the join file from the main computer…</translation>
    </message>
    <message>
        <source>已取到加入文件，与二维码核对无误。请输入一次性验证码。</source>
        <translation>Join file fetched and checked against the QR code. Type the one-time code.</translation>
    </message>
</context>
<context>
    <name>DevicesBox</name>
    <message>
        <source>报名：两台电脑都卖出了班级的最后名额，较晚的一条报名转入候补。</source>
        <translation>Enrolment: two computers both gave away a class&apos;s last place; the later enrolment went to the waiting list.</translation>
    </message>
    <message>
        <source>考勤：同一学员在同一课次被两台电脑签到，保留较早的一条，另一条标为已合并（不计人次）。</source>
        <translation>Attendance: the same learner was signed into the same session on two computers; the earlier sign-in is kept and the other marked merged (not counted).</translation>
    </message>
    <message>
        <source>%1：两台电脑各建了同一条记录，保留较早的一条，另一条已合并。</source>
        <translation>%1: the same record was made on two computers; the earlier one is kept and the other merged.</translation>
    </message>
    <message>
        <source>本站点的电脑</source>
        <translation>This site&apos;s computers</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>（本机）</source>
        <translation> (this computer)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>上次联系</source>
        <translation>Last heard from</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>等待发送</source>
        <translation>Waiting to go</translation>
    </message>
    <message>
        <source>添加一台电脑…</source>
        <translation>Add a computer…</translation>
    </message>
    <message>
        <source>停用…</source>
        <translation>Retire…</translation>
    </message>
    <message>
        <source>写同步包到U盘…</source>
        <translation>Write sync bundle to USB…</translation>
    </message>
    <message>
        <source>读取同步包…</source>
        <translation>Read sync bundle…</translation>
    </message>
    <message>
        <source>需要管理员账号</source>
        <translation>Needs an admin account</translation>
    </message>
    <message>
        <source>%1 条待上传县平台</source>
        <translation>%1 records to upload to the county</translation>
    </message>
    <message>
        <source>它可能缺 %1 条</source>
        <translation>it may lack %1 records</translation>
    </message>
    <message>
        <source>无</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <source>保存加入文件</source>
        <translation>Save the join file</translation>
    </message>
    <message>
        <source>加入文件 (*.ccsjoin)</source>
        <translation>Join files (*.ccsjoin)</translation>
    </message>
    <message>
        <source>无法读取加入文件：%1</source>
        <translation>Cannot read the join file: %1</translation>
    </message>
    <message>
        <source>无法保存加入文件：%1</source>
        <translation>Could not save the join file: %1</translation>
    </message>
    <message>
        <source>加入文件已保存到：%1</source>
        <translation>Join file saved to: %1</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>请先在表中选一台在用的其他电脑。</source>
        <translation>First select another active computer in the table.</translation>
    </message>
    <message>
        <source>%1 号终端 %2</source>
        <translation>Device %1 %2</translation>
    </message>
    <message>
        <source>停用 %1？
停用后县平台将拒收它的上传，它也不能再与本站点同步。丢失或报废的电脑才需要停用。</source>
        <translation>Retire %1?
Once retired, the county refuses its uploads and it can no longer sync with this site. Retire only a lost or scrapped computer.</translation>
    </message>
    <message>
        <source>%1 已停用。</source>
        <translation>%1 is retired.</translation>
    </message>
    <message>
        <source>写同步包到U盘</source>
        <translation>Write sync bundle to USB</translation>
    </message>
    <message>
        <source>同步包 (*.ccssync)</source>
        <translation>Sync bundles (*.ccssync)</translation>
    </message>
    <message>
        <source>正在写同步包…</source>
        <translation>Writing the sync bundle…</translation>
    </message>
    <message>
        <source>读取同步包</source>
        <translation>Read sync bundle</translation>
    </message>
    <message>
        <source>同步包 (*.ccssync);;所有文件 (*)</source>
        <translation>Sync bundles (*.ccssync);;All files (*)</translation>
    </message>
    <message>
        <source>找不到文件 %1</source>
        <translation>No such file: %1</translation>
    </message>
    <message>
        <source>正在读取同步包…</source>
        <translation>Reading the sync bundle…</translation>
    </message>
    <message>
        <source>已写入同步包 %1：%2 条记录（已加密）。</source>
        <translation>Wrote sync bundle %1: %2 records (encrypted).</translation>
    </message>
    <message>
        <source>已读入 %1 条记录（来自 %2 号终端），合并 %3 处。</source>
        <translation>Read %1 records (from device %2); %3 merged.</translation>
    </message>
    <message>
        <source>合并时的决定：</source>
        <translation>What merging decided:</translation>
    </message>
    <message>
        <source>没有需要合并的记录。</source>
        <translation>Nothing needed merging.</translation>
    </message>
    <message>
        <source>未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>报名</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <source>卡号、姓名、拼音首字母或手机尾号</source>
        <translation>Card no., name, pinyin initials or phone tail</translation>
    </message>
    <message>
        <source>已在本班</source>
        <translation>In this class</translation>
    </message>
    <message>
        <source>候补中</source>
        <translation>Waitlisted</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>本班</source>
        <translation>This class</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>班级已满</source>
        <translation>Class full</translation>
    </message>
    <message>
        <source>加入候补名单？有人退出时按先后顺序转正。</source>
        <translation>Put on the waitlist? When someone withdraws, the first waiting learner moves up.</translation>
    </message>
    <message>
        <source>已报名：</source>
        <translation>Enrolled: </translation>
    </message>
    <message>
        <source>已加入候补：</source>
        <translation>Waitlisted: </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>没有保存任何改动。</source>
        <translation>No change was saved.</translation>
    </message>
    <message>
        <source>程序遇到了一个意外错误，刚才的操作没有完成。</source>
        <translation>The program ran into an unexpected error; the last action was not completed.</translation>
    </message>
    <message>
        <source>出错的地方：%1</source>
        <translation>What failed: %1</translation>
    </message>
    <message>
        <source>已确认保存的数据都还在：每项操作要么完整保存，要么完全不保存。</source>
        <translation>Everything saved before is still there: each action is either saved completely or not at all.</translation>
    </message>
    <message>
        <source>详细情况已记入日志文件：%1</source>
        <translation>Details are in the log file: %1</translation>
    </message>
    <message>
        <source>可以继续使用本程序；如果问题反复出现，请把日志文件发给技术人员。</source>
        <translation>You can go on using the program; if the problem comes back, send the log file to your IT contact.</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>创建管理员账号</source>
        <translation>Create an administrator account</translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation>Create and log in</translation>
    </message>
    <message>
        <source>这个站点还没有任何账号。请创建第一个管理员账号。</source>
        <translation>This site has no accounts yet. Create the first administrator account.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码（至少8位，不能全是数字）</source>
        <translation>Password (at least 8 characters, not only digits)</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <source>两次输入的密码不一样</source>
        <translation>The two passwords are not the same</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>首次使用</source>
        <translation>First start</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HealthWatch</name>
    <message>
        <source>数据文件损坏</source>
        <translation>The data file is damaged</translation>
    </message>
    <message>
        <source>检查发现数据库文件已损坏（{0}）。为了不把新的签到写进损坏的文件，已停止录入。</source>
        <translation>A check found the database file damaged ({0}). Entering data has stopped so that no new sign-ins go into the damaged file.</translation>
    </message>
    <message>
        <source>没有找到备份：请不要删除数据文件夹，联系技术人员。</source>
        <translation>No backup was found: do not delete the data folder; call for technical help.</translation>
    </message>
    <message>
        <source>

现在用最近的备份恢复吗？
{0}
损坏的文件会另存一份。</source>
        <translation>

Restore the newest backup now?
{0}
The damaged file is kept.</translation>
    </message>
    <message>
        <source>已从备份恢复，可以继续录入。</source>
        <translation>Restored from the backup; you can carry on entering data.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入学员花名册</source>
        <translation>Import learner roster</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在读取“{0}”…</source>
        <translation>Reading “{0}”…</translation>
    </message>
    <message>
        <source>已读取：工作表“{0}”，{1}行学员记录。点“下一步”核对。</source>
        <translation>Read sheet “{0}”: {1} learner rows. Click Next to check them.</translation>
    </message>
</context>
<context>
    <name>InstructorDialog</name>
    <message>
        <source>加入师资库</source>
        <translation>Add to pool</translation>
    </message>
    <message>
        <source>11位手机号</source>
        <translation>11-digit mobile</translation>
    </message>
    <message>
        <source>如：智能手机辅导、健康讲座</source>
        <translation>e.g. smartphone help, health talks</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>特长</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>姓名和手机号与已有学员相同时，视为同一人。</source>
        <translation>Same name and phone as an existing learner means the same person.</translation>
    </message>
</context>
<context>
    <name>JoinCodeDialog</name>
    <message>
        <source>添加一台电脑</source>
        <translation>Add a computer</translation>
    </message>
    <message>
        <source>已为 %1 号终端准备好加入文件。</source>
        <translation>The join file for device %1 is ready.</translation>
    </message>
    <message>
        <source>在新电脑的“首次使用”中选“加入本站点的另一台电脑”，点“用摄像头扫描…”对准左边的二维码（或输入二维码下方的地址，或点“保存到U盘…”用U盘拷加入文件），再输入下面的一次性验证码：</source>
        <translation>On the new computer&apos;s first-run screen choose “Join this site as another computer”, click “Scan with webcam…” and point it at the QR code on the left (or type the address under it, or click “Save to USB stick…” and copy the join file), then type this one-time code:</translation>
    </message>
    <message>
        <source>点“保存到U盘…”，把加入文件拷到新电脑；在新电脑的“首次使用”中选“加入本站点的另一台电脑”，选这个文件，再输入下面的一次性验证码：</source>
        <translation>Click “Save to USB stick…” and take the join file to the new computer; on its first-run screen choose “Join this site as another computer”, choose this file, then type this one-time code:</translation>
    </message>
    <message>
        <source>等待新电脑取加入文件…</source>
        <translation>Waiting for the new computer to fetch the join file…</translation>
    </message>
    <message>
        <source>验证码只显示这一次；加入文件含站点密钥，请当面交接，用后删除。</source>
        <translation>The code is shown only this once. The join file holds the site&apos;s keys: hand it over in person and delete it after use.</translation>
    </message>
    <message>
        <source>关闭此窗口后，局域网上不再提供加入文件。</source>
        <translation> Once this window is closed, the join file is no longer offered on the network.</translation>
    </message>
    <message>
        <source>已记下</source>
        <translation>I have noted it</translation>
    </message>
    <message>
        <source>保存到U盘…</source>
        <translation>Save to USB stick…</translation>
    </message>
    <message>
        <source>不能扫描时，在新电脑上输入地址：</source>
        <translation>If it cannot be scanned, type this address on the new computer:</translation>
    </message>
    <message>
        <source>新电脑（%1）已取走加入文件，请在新电脑上输入验证码。</source>
        <translation>The new computer (%1) fetched the join file: type the code on the new computer.</translation>
    </message>
    <message>
        <source>尝试次数过多，已停止在局域网上提供加入文件。如需要，请关闭此窗口后重新“添加一台电脑”。</source>
        <translation>Too many tries: the join file is no longer offered on the network. If needed, close this window and Add a computer again.</translation>
    </message>
</context>
<context>
    <name>LearnerDialog</name>
    <message>
        <source>编辑学员</source>
        <translation>Edit learner</translation>
    </message>
    <message>
        <source>新增学员</source>
        <translation>Add learner</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>如 1956-03-02；填了身份证号可不填</source>
        <translation>e.g. 1956-03-02; optional when the ID number is given</translation>
    </message>
    <message>
        <source>18位，可不填</source>
        <translation>18 characters; optional</translation>
    </message>
    <message>
        <source>11位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>教学点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>人群类别</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>同意将个人信息上传到县终身学习平台</source>
        <translation>Agrees to personal data being uploaded to the county learning platform</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <source>另有 %1 处问题</source>
        <translation>%1 more problem(s)</translation>
    </message>
</context>
<context>
    <name>LearnersModel</name>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>教学点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>人群类别</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>卡状态</source>
        <translation>Card state</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>挂失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Revoked</translation>
    </message>
</context>
<context>
    <name>LearnersPage</name>
    <message>
        <source>搜索：姓名、拼音首字母（如 zs）、卡号或手机尾号</source>
        <translation>Search: name, pinyin initials (e.g. zs), card number or last 4 phone digits</translation>
    </message>
    <message>
        <source>新增学员</source>
        <translation>Add learner</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>补办学习卡</source>
        <translation>Re-issue card</translation>
    </message>
    <message>
        <source>打印学习卡…</source>
        <translation>Print cards…</translation>
    </message>
    <message>
        <source>导入Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>打印所选学员的学习卡</source>
        <translation>Print the selected learners&apos; cards</translation>
    </message>
    <message>
        <source>{0} 人</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <source>原学习卡将作废，签到时不再有效。确定补办新卡吗？</source>
        <translation>The old learning card will be revoked and no longer accepted at check-in. Issue a new card?</translation>
    </message>
    <message>
        <source>新卡号：{0}。请到“打印”页打印新卡。</source>
        <translation>New card number: {0}. Print the new card on the Print page.</translation>
    </message>
    <message>
        <source>导出学员</source>
        <translation>Export learners</translation>
    </message>
    <message>
        <source>学员名单.xlsx</source>
        <translation>learners.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>导出完整身份证号吗？（选“否”则只导出打码后的号码）</source>
        <translation>Export full ID numbers? (No exports masked numbers only)</translation>
    </message>
    <message>
        <source>停止导出</source>
        <translation>Stop export</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>正在导出 {0} / {1}…</source>
        <translation>Exporting {0} / {1}…</translation>
    </message>
    <message>
        <source>已导出 {0} 人</source>
        <translation>Exported {0} people</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>一段时间没有操作，程序已锁定以保护学员信息。请再次输入密码。</source>
        <translation>Nobody used the program for a while, so it locked itself to protect learners&apos; data. Enter the password again.</translation>
    </message>
    <message>
        <source>程序已锁定，学员信息已隐藏。请输入密码解锁。</source>
        <translation>The program is locked and learners&apos; details are hidden. Enter your password to unlock.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 社区学校学习管理</source>
        <translation>Log in — Community School Learning Records</translation>
    </message>
    <message>
        <source>社区学校学习管理</source>
        <translation>Community School Learning Records</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>密码或PIN</source>
        <translation>Password or PIN</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>社区学校学习管理</source>
        <translation>Community School Learning Records</translation>
    </message>
    <message>
        <source>程序(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>导出、打印、备份或同步还在后台进行。现在退出，程序会等它完成后才真正关闭。要退出吗？</source>
        <translation>An export, printing, backup or sync is still running in the background. If you quit now, the program only closes once it is done. Quit?</translation>
    </message>
    <message>
        <source>此功能尚未安装。请在软件更新后再使用。</source>
        <translation>This feature is not installed yet. It will be available after a software update.</translation>
    </message>
    <message>
        <source>此功能暂时无法打开，其他功能不受影响。详细情况已记入日志（数据文件夹下的 %1）。</source>
        <translation>This feature cannot be opened right now; everything else still works. Details are in the log (%1 in the data folder).</translation>
    </message>
</context>
<context>
    <name>MarkDialog</name>
    <message>
        <source>按姓名签到 / 请假</source>
        <translation>Sign in by name / excuse</translation>
    </message>
    <message>
        <source>姓名、拼音首字母（如 zs）、卡号或手机尾号</source>
        <translation>Name, pinyin initials (e.g. zs), card no. or phone tail</translation>
    </message>
    <message>
        <source>请假原因（请假必填）</source>
        <translation>Reason (required when excused)</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>签到时按开课时间自动记为出勤或迟到。</source>
        <translation>Sign in records present or late by the session&apos;s start time.</translation>
    </message>
    <message>
        <source>尚未选择学员</source>
        <translation>No learner chosen yet</translation>
    </message>
    <message>
        <source>未报名（将插班）</source>
        <translation>Not enrolled (will join as walk-in)</translation>
    </message>
    <message>
        <source>请先选择学员</source>
        <translation>Choose a learner first</translation>
    </message>
    <message>
        <source>{name}：已记为{status}</source>
        <translation>{name}: marked {status}</translation>
    </message>
</context>
<context>
    <name>MonthTimetable</name>
    <message>
        <source>蓝色加粗：当天有课 · 灰色：当天课次均已取消</source>
        <translation>Blue bold: sessions that day · Grey: all of the day&apos;s sessions cancelled</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>双击课次打开该班级</source>
        <translation>Double-click a session to open its class</translation>
    </message>
    <message>
        <source>线上</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>%1 个课次</source>
        <translation>%1 sessions</translation>
    </message>
    <message>
        <source>课次均已取消</source>
        <translation>All sessions cancelled</translation>
    </message>
    <message>
        <source>没有课次</source>
        <translation>No sessions</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>签到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Upload</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PaperSheetDialog</name>
    <message>
        <source>录入纸质签到表</source>
        <translation>Enter paper sign-in sheet</translation>
    </message>
    <message>
        <source>输入表上的序号或卡号尾号，按回车</source>
        <translation>Type the row number on the sheet or the end of the card number, then Enter</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>没有序号或卡号尾号为“{t}”的学员</source>
        <translation>No learner with row number or card ending “{t}”</translation>
    </message>
    <message>
        <source>本次录入 {n} 人，共 {m} 人</source>
        <translation>{n} entered of {m}</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>尚未生成</source>
        <translation>Nothing generated yet</translation>
    </message>
    <message>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>PhonePanel</name>
    <message>
        <source>手机签到</source>
        <translation>Phone sign-in</translation>
    </message>
    <message>
        <source>关闭手机签到</source>
        <translation>Close phone sign-in</translation>
    </message>
    <message>
        <source>扫码签到，或在手机浏览器打开：</source>
        <translation>Scan to sign in, or open in the phone&apos;s browser:</translation>
    </message>
    <message>
        <source>再输入签到码：</source>
        <translation>then type the code:</translation>
    </message>
    <message>
        <source>全屏（投影）</source>
        <translation>Full screen (projector)</translation>
    </message>
    <message>
        <source>&lt;b&gt;手机连不上？&lt;/b&gt; 手机和这台电脑要连同一个 Wi-Fi（或这台电脑开的热点）。手机提示“此网络无法连接互联网”时，选“保持连接”；若手机仍用流量打开网页，请暂时关闭移动数据。没有 Wi-Fi 时：Windows 设置 → 网络和 Internet → 移动热点，打开后让手机连上它。第一次开启时 Windows 防火墙若询问，请勾选“专用网络”并点“允许”。&lt;br&gt;&lt;b&gt;第二签到台：&lt;/b&gt;工作人员用手机或另一台电脑打开上面的地址加 /desk，输入签到台密码。</source>
        <translation>&lt;b&gt;Phone cannot connect?&lt;/b&gt; The phone must join the same Wi-Fi as this computer (or this computer&apos;s hotspot). If the phone says &quot;this network has no internet&quot;, choose &quot;stay connected&quot;; if it still opens pages over mobile data, turn mobile data off for a moment. Without Wi-Fi: Windows Settings → Network &amp;amp; Internet → Mobile hotspot, turn it on and let the phones join it. If the Windows firewall asks the first time, tick &quot;Private networks&quot; and click &quot;Allow&quot;.&lt;br&gt;&lt;b&gt;Second desk:&lt;/b&gt; staff open the address above followed by /desk on a phone or another computer and type the desk PIN.</translation>
    </message>
    <message>
        <source>退出全屏</source>
        <translation>Leave full screen</translation>
    </message>
    <message>
        <source>这台电脑没有连上任何网络：请打开移动热点或连上场地的 Wi-Fi，再点“手机签到”。</source>
        <translation>This computer is not on any network: turn on the mobile hotspot or join the venue&apos;s Wi-Fi, then click Phone sign-in again.</translation>
    </message>
    <message>
        <source>手机签到 · {session}</source>
        <translation>Phone sign-in · {session}</translation>
    </message>
    <message>
        <source>第二签到台：{url}/desk
签到台密码：{pin}</source>
        <translation>Second desk: {url}/desk
Desk PIN: {pin}</translation>
    </message>
    <message>
        <source>经手机和第二签到台签到 {n} 人</source>
        <translation>Signed in by phone or second desk: {n}</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>第2步：核对识别出的列</source>
        <translation>Step 2: check the recognised columns</translation>
    </message>
    <message>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>识别为</source>
        <translation>Recognised as</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>工作表“{0}”，表头在第{1}行，共{2}行：可导入{3}行，有错误{4}行，重复{5}行</source>
        <translation>Sheet “{0}”, header in row {1}, {2} rows: {3} ready, {4} with problems, {5} duplicates</translation>
    </message>
    <message>
        <source>未使用的列：{0}</source>
        <translation>Columns not used: {0}</translation>
    </message>
    <message>
        <source>所有列均已识别</source>
        <translation>Every column was recognised</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>可导入</source>
        <translation>Ready</translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <source>学习卡</source>
        <translation>Learning cards</translation>
    </message>
    <message>
        <source>结业证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>签到表</source>
        <translation>Sign-in sheet</translation>
    </message>
    <message>
        <source>个人学习档案</source>
        <translation>Learning record</translation>
    </message>
    <message>
        <source>生成预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>保存PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>内容已更改，请重新生成预览</source>
        <translation>The choice changed; make the preview again</translation>
    </message>
    <message>
        <source>打印内容</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>新登记或补办、尚未打印的学员</source>
        <translation>New or re-issued cards not printed yet</translation>
    </message>
    <message>
        <source>已选学员</source>
        <translation>Selected learners</translation>
    </message>
    <message>
        <source>某个班级的学员</source>
        <translation>Learners of a class</translation>
    </message>
    <message>
        <source>指定卡号</source>
        <translation>These card numbers</translation>
    </message>
    <message>
        <source>全部学员</source>
        <translation>All learners</translation>
    </message>
    <message>
        <source>卡号，可输入多个，用空格或逗号分隔</source>
        <translation>Card numbers, separated by spaces or commas</translation>
    </message>
    <message>
        <source>每页10张（A4，带裁切线）</source>
        <translation>10 per A4 sheet, with cut marks</translation>
    </message>
    <message>
        <source>每页1张（PVC卡片打印机）</source>
        <translation>1 per page (PVC card printer)</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>版式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>提前结业</source>
        <translation>Early completion (提前结业)</translation>
    </message>
    <message>
        <source>原因，如：学员外出务工</source>
        <translation>Reason, e.g. the learner is moving away for work</translation>
    </message>
    <message>
        <source>课次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>扫描或输入学习卡号</source>
        <translation>Scan or type a card number</translation>
    </message>
    <message>
        <source>达到结业要求 %1 人，未达到 %2 人</source>
        <translation>%1 qualify, %2 do not</translation>
    </message>
    <message>
        <source>本班还有 %1 次课未上，尚未结业。现在发证须勾选“提前结业”并写明原因。</source>
        <translation>This class still has %1 sessions to come, so it has not ended. To issue certificates now, tick &quot;Early completion&quot; and give the reason.</translation>
    </message>
    <message>
        <source>已选学员（%1 人）</source>
        <translation>Selected learners (%1)</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>已取消，未生成文件</source>
        <translation>Cancelled; no file was written</translation>
    </message>
    <message>
        <source>生成失败：%1</source>
        <translation>Generating failed: %1</translation>
    </message>
    <message>
        <source>已生成 %1 张学习卡，共 %2 页</source>
        <translation>%1 learning cards on %2 pages</translation>
    </message>
    <message>
        <source>%1 张结业证书的预览：打印或保存时才正式发证</source>
        <translation>Preview of %1 certificates: they are issued only when you print or save them</translation>
    </message>
    <message>
        <source>已发放 %1 张结业证书</source>
        <translation>%1 certificates issued</translation>
    </message>
    <message>
        <source>已生成，共 %1 页</source>
        <translation>Generated, %1 pages</translation>
    </message>
    <message>
        <source>（预览编号）</source>
        <translation> (preview number)</translation>
    </message>
    <message>
        <source>（补印）</source>
        <translation> (reprint)</translation>
    </message>
    <message>
        <source>未达到结业要求：</source>
        <translation>Not qualified:</translation>
    </message>
    <message>
        <source>保存PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>发放结业证书</source>
        <translation>Issue certificates</translation>
    </message>
    <message>
        <source>将正式发放 %1 张新的结业证书，占用证书编号并准备上传到县平台。继续吗？</source>
        <translation>This issues %1 new certificates: their numbers are used up and they will be uploaded to the county. Continue?</translation>
    </message>
    <message>
        <source>未发证：预览仍在，可以稍后再打印。</source>
        <translation>Nothing issued: the preview is still here, you can print later.</translation>
    </message>
    <message>
        <source>正在发证…</source>
        <translation>Issuing certificates…</translation>
    </message>
    <message>
        <source>已发送 %1 页到打印机</source>
        <translation>Sent %1 pages to the printer</translation>
    </message>
    <message>
        <source>学习卡打印好了吗？</source>
        <translation>Did the cards print?</translation>
    </message>
    <message>
        <source>%1 张学习卡都已正常打印出来了吗？
选“是”，这些学员就不再列入“尚未打印”；选“否”，可以稍后重新打印。</source>
        <translation>Did all %1 learning cards come out of the printer properly?
Yes: these learners leave “not yet printed”. No: you can print them again later.</translation>
    </message>
    <message>
        <source>未记为已打印：这些学员仍在“尚未打印”中，可以重新打印。</source>
        <translation>Not recorded as printed: these learners stay in “not yet printed” and can be printed again.</translation>
    </message>
    <message>
        <source>已记为已打印：%1 张学习卡</source>
        <translation>Recorded as printed: %1 learning cards</translation>
    </message>
    <message>
        <source>已取消打印</source>
        <translation>Printing cancelled</translation>
    </message>
    <message>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>第3步：逐行检查结果</source>
        <translation>Step 3: problems row by row</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>发现{0}处错误（红色），请改正后重新导入，或勾选下方选项只导入正确的行。灰色为重复的人，不会重复登记。</source>
        <translation>{0} problems found (red). Fix them and import again, or tick the option below to import only the correct rows. Grey rows are people already registered; they are not registered twice.</translation>
    </message>
    <message>
        <source>没有错误；灰色为重复的人，不会重复登记。</source>
        <translation>No problems; grey rows are people already registered and are not registered twice.</translation>
    </message>
    <message>
        <source>没有发现问题，可以导入。</source>
        <translation>No problems found; ready to import.</translation>
    </message>
    <message>
        <source>跳过有错误的行，只导入其余{0}行（错误行另存为“{1}”）</source>
        <translation>Skip rows with problems and import the other {0} rows (problem rows saved as “{1}”)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>参与率</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>学员档案</source>
        <translation>Learner archive</translation>
    </message>
    <message>
        <source>学习之星</source>
        <translation>Learning stars</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>本年累计</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>自定义区间</source>
        <translation>Date range</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Compute</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>教学点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>形式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>报名</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>参训人数</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>开课</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>停课</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>人次</source>
        <translation>Person-times</translation>
    </message>
    <message>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>双击班级查看每次课的考勤</source>
        <translation>Double-click a class to see each session&apos;s attendance</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>人群类别</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>班级数</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>出勤次数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>双击学员查看终身学习档案</source>
        <translation>Double-click a learner to open the lifelong learning archive</translation>
    </message>
    <message>
        <source>常住人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>是否达标</source>
        <translation>Target met</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>统计期间 %1 至 %2</source>
        <translation>Period %1 to %2</translation>
    </message>
    <message>
        <source>线上</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>线下</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>每周培训人次</source>
        <translation>Person-times per week</translation>
    </message>
    <message>
        <source>每月培训人次</source>
        <translation>Person-times per month</translation>
    </message>
    <message>
        <source>各主题学时</source>
        <translation>Hours by theme</translation>
    </message>
    <message>
        <source>各人群参训人数</source>
        <translation>Learners by target group</translation>
    </message>
    <message>
        <source>年龄结构</source>
        <translation>Age bands</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation>No group</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>全镇合计</source>
        <translation>Whole site</translation>
    </message>
    <message>
        <source>参与率 = 参训人数 ÷ 常住人口；目标 %1（在设置中填写各村人口）</source>
        <translation>Participation = learners ÷ resident population; target %1 (enter each village&apos;s population in Settings)</translation>
    </message>
    <message>
        <source>社区教育统计报表</source>
        <translation>Community education report</translation>
    </message>
    <message>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>请先点“统计”</source>
        <translation>Click “Compute” first</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>第4步：导入</source>
        <translation>Step 4: import</translation>
    </message>
    <message>
        <source>正在导入，请稍候…（点“取消”可停止，已写入的也会撤销）</source>
        <translation>Importing, please wait… (Cancel stops it and undoes what was written)</translation>
    </message>
    <message>
        <source>正在取消，请稍候…</source>
        <translation>Cancelling, please wait…</translation>
    </message>
    <message>
        <source>导入已取消，没有导入任何数据。</source>
        <translation>Import cancelled; nothing was imported.</translation>
    </message>
    <message>
        <source>已导入{0}名学员，跳过{1}行，重复{2}行。</source>
        <translation>Imported {0} learners; skipped {1} rows; {2} duplicates.</translation>
    </message>
    <message>
        <source>错误行已另存为：{0}</source>
        <translation>Rows with problems saved as: {0}</translation>
    </message>
    <message>
        <source>导入失败，没有写入任何数据：{0}</source>
        <translation>Import failed; nothing was written: {0}</translation>
    </message>
</context>
<context>
    <name>ServiceRecordDialog</name>
    <message>
        <source>添加服务记录</source>
        <translation>Add service record</translation>
    </message>
    <message>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <source>如：防诈宣传、图书整理</source>
        <translation>e.g. anti-fraud outreach, library duty</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Helper</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Activity</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>修改课次</source>
        <translation>Edit session</translation>
    </message>
    <message>
        <source>添加课次</source>
        <translation>Add session</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>上课</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>下课</source>
        <translation>End</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>一学时的分钟数</source>
        <translation>Minutes in one study hour</translation>
    </message>
    <message>
        <source>每学分所需学时</source>
        <translation>Study hours per credit</translation>
    </message>
    <message>
        <source>开课后多少分钟算迟到</source>
        <translation>Minutes after the start that count as late</translation>
    </message>
    <message>
        <source>结业证书默认出勤率（%）</source>
        <translation>Attendance needed for a certificate (%)</translation>
    </message>
    <message>
        <source>参与率目标（%）</source>
        <translation>Participation-rate target (%)</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>大字模式（字更大，适合老年人使用）</source>
        <translation>Large text (bigger letters, easier to read)</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>不锁定</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>空闲多久后锁定</source>
        <translation>Lock after being idle for</translation>
    </message>
    <message>
        <source>语言和大字模式在重新启动程序后生效。</source>
        <translation>Language and large text take effect when the program is started again.</translation>
    </message>
    <message>
        <source>学时与证书</source>
        <translation>Study hours and certificates</translation>
    </message>
    <message>
        <source>由县平台设定（生效日期 %1）</source>
        <translation>Set by the county platform (effective %1)</translation>
    </message>
    <message>
        <source>县平台规则（生效日期 %1）：课程主题 %2；节假日 %3；参与率目标 %4。</source>
        <translation>County rules (effective %1): course themes %2; holidays %3; participation targets %4.</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>县平台</source>
        <translation>County platform</translation>
    </message>
    <message>
        <source>县平台要求上传完整身份证号</source>
        <translation>The county requires full ID numbers</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>导入县平台连接文件…</source>
        <translation>Import county connection file…</translation>
    </message>
    <message>
        <source>县平台地址</source>
        <translation>County platform address</translation>
    </message>
    <message>
        <source>上传令牌</source>
        <translation>Upload token</translation>
    </message>
    <message>
        <source>县平台公钥</source>
        <translation>County public key</translation>
    </message>
    <message>
        <source>正在连接县平台…</source>
        <translation>Connecting to the county platform…</translation>
    </message>
    <message>
        <source>导入县平台连接文件</source>
        <translation>Import county connection file</translation>
    </message>
    <message>
        <source>县平台连接文件 (*.json *.ccsconn);;所有文件 (*)</source>
        <translation>County connection files (*.json *.ccsconn);;All files (*)</translation>
    </message>
    <message>
        <source>已读入站点 %1 的连接文件，请点“保存设置”。</source>
        <translation>Read the connection file of site %1; click “Save settings” to keep it.</translation>
    </message>
    <message>
        <source>各村（社区）常住人口</source>
        <translation>Resident population per village (community)</translation>
    </message>
    <message>
        <source>每行一个，例如：东山村=1520</source>
        <translation>One per line, e.g. Dongshan Village=1520</translation>
    </message>
    <message>
        <source>用于计算参与率。</source>
        <translation>Used to work out the participation rate.</translation>
    </message>
    <message>
        <source>工作人员账号</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码或PIN</source>
        <translation>Password or PIN</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>添加账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>查看操作日志…</source>
        <translation>View the audit log…</translation>
    </message>
    <message>
        <source>每项修改都记录了操作人和修改前后的内容。</source>
        <translation>Every change is recorded with who made it and the values before and after.</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>只有管理员可以修改设置。</source>
        <translation>Only an administrator can change settings.</translation>
    </message>
    <message>
        <source>已保存（%1 项改动）。</source>
        <translation>Saved (%1 changes).</translation>
    </message>
    <message>
        <source>不能添加账号</source>
        <translation>Cannot add the account</translation>
    </message>
    <message>
        <source>账号已添加。</source>
        <translation>Account added.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>站点信息</source>
        <translation>Site details</translation>
    </message>
    <message>
        <source>站点代码和名称以县里下发的为准。</source>
        <translation>Use the site code and name the county gave you.</translation>
    </message>
    <message>
        <source>例如 330281101</source>
        <translation>e.g. 330281101</translation>
    </message>
    <message>
        <source>例如 东山镇社区学校</source>
        <translation>e.g. Dongshan Township Community School</translation>
    </message>
    <message>
        <source>乡镇社区学校</source>
        <translation>Township community school</translation>
    </message>
    <message>
        <source>村（社区）教学站点</source>
        <translation>Village (community) teaching point</translation>
    </message>
    <message>
        <source>例如 镇社区学校多功能教室</source>
        <translation>e.g. Multi-purpose room of the township school</translation>
    </message>
    <message>
        <source>站点代码 *</source>
        <translation>Site code *</translation>
    </message>
    <message>
        <source>站点名称 *</source>
        <translation>Site name *</translation>
    </message>
    <message>
        <source>站点级别</source>
        <translation>Site level</translation>
    </message>
    <message>
        <source>主要上课场地 *</source>
        <translation>Main venue *</translation>
    </message>
    <message>
        <source>场地地址</source>
        <translation>Venue address</translation>
    </message>
</context>
<context>
    <name>StarsView</name>
    <message>
        <source>生成候选名单</source>
        <translation>Make the candidate list</translation>
    </message>
    <message>
        <source>按学时、出勤率、结业班级数排序，取前50名</source>
        <translation>Ranked by hours, attendance rate and classes completed; top 50</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>出勤次数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>班级数</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>结业班级</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>%1年百姓学习之星候选</source>
        <translation>Learning star candidates %1</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>%1 年共 %2 名候选（双击查看档案）</source>
        <translation>%1: %2 candidates (double-click to open the archive)</translation>
    </message>
</context>
<context>
    <name>StartupChecks</name>
    <message>
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <source>最近的录入可能已丢失</source>
        <translation>The newest entries may be lost</translation>
    </message>
    <message>
        <source>不恢复备份，仍然使用现在的数据继续吗？
上次异常退出后被删除的录入找不回来了，请核对最近的签到。</source>
        <translation>Carry on with the data as it is, without restoring a backup?
Entries deleted after the last crash cannot be recovered; check the latest sign-ins.</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <source>数据文件损坏</source>
        <translation>The data file is damaged</translation>
    </message>
    <message>
        <source>现在用这份备份恢复吗？损坏的文件会先另存一份。</source>
        <translation>Restore from this backup now? The damaged file is kept aside first.</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>正在升级数据库（升级前已自动备份），请稍候……
数据较多时需要约一分钟，请不要关闭电脑。</source>
        <translation>Upgrading the database (a backup was made first), please wait…
With a lot of data this takes about a minute; do not turn the computer off.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>连接：未检测</source>
        <translation>Connection: not checked</translation>
    </message>
    <message>
        <source>今日签到 %1 人次</source>
        <translation>Signed in today: %1</translation>
    </message>
    <message>
        <source>待上传 %1 条</source>
        <translation>To upload: %1</translation>
    </message>
    <message>
        <source>备份失败（上次成功：%1）</source>
        <translation>Backup failed (last good: %1)</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>最近备份：%1</source>
        <translation>Last backup: %1</translation>
    </message>
    <message>
        <source>最近备份：无</source>
        <translation>Last backup: none</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source> 密码过短，请修改</source>
        <translation> password too short, please change it</translation>
    </message>
    <message>
        <source>连接：%1</source>
        <translation>Connection: %1</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <source>满意度测评</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <source>%1：每位学员选 1–5 分（5 最满意），可写意见；不填的跳过</source>
        <translation>%1: choose 1–5 for each learner (5 = very satisfied), add a comment if given; empty rows are skipped</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>评分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>上传中…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>SyncKinds</name>
    <message>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Learner</translation>
    </message>
    <message>
        <source>学习卡</source>
        <translation>Learning card</translation>
    </message>
    <message>
        <source>场地</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>课次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>报名</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>教师/志愿者</source>
        <translation>Teacher/volunteer</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Service record</translation>
    </message>
    <message>
        <source>结业证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>已导出U盘</source>
        <translation>Exported to USB</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>上传到县平台</source>
        <translation>Upload to the county</translation>
    </message>
    <message>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>月结</source>
        <translation>Close month</translation>
    </message>
    <message>
        <source>导出到U盘…</source>
        <translation>Export to USB…</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>当前这一块发完后停止；下次同步从第一个未确认的块继续</source>
        <translation>Stops after the chunk being sent; the next sync resumes from the first unconfirmed chunk</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>%v / %m 块</source>
        <translation>%v / %m chunks</translation>
    </message>
    <message>
        <source>各月核对（本机 / 县平台已确认）</source>
        <translation>Months (here / confirmed by the county)</translation>
    </message>
    <message>
        <source>本机记录</source>
        <translation>Records here</translation>
    </message>
    <message>
        <source>县平台已确认</source>
        <translation>Confirmed by county</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>未月结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <source>各月核对</source>
        <translation>Monthly check</translation>
    </message>
    <message>
        <source>上传批次</source>
        <translation>Upload batches</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>接收/重复/拒收</source>
        <translation>Accepted/duplicate/rejected</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>最近错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>待修正（县平台拒收）</source>
        <translation>Needs fixing (rejected by the county)</translation>
    </message>
    <message>
        <source>修改这些记录后，新版本会作为更正自动上传；其余记录不受影响。</source>
        <translation>Once you correct these records, the new versions are uploaded automatically as corrections; all other records are unaffected.</translation>
    </message>
    <message>
        <source>记录编号</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>未月结记录：%1 条</source>
        <translation>Records not closed: %1</translation>
    </message>
    <message>
        <source>待上传批次：%1 个（%2 条）</source>
        <translation>Batches to upload: %1 (%2 records)</translation>
    </message>
    <message>
        <source>上次成功：%1</source>
        <translation>Last success: %1</translation>
    </message>
    <message>
        <source>上次成功：无</source>
        <translation>Last success: never</translation>
    </message>
    <message>
        <source>最近错误：%1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <source>正在连接县平台…</source>
        <translation>Connecting to the county platform…</translation>
    </message>
    <message>
        <source>正在停止：当前这一块发完即停…</source>
        <translation>Stopping after the chunk being sent…</translation>
    </message>
    <message>
        <source>已发送 %1 / %2 条记录</source>
        <translation>%1 / %2 records sent</translation>
    </message>
    <message>
        <source>批次 %1：第 %2 / %3 块</source>
        <translation>Batch %1: chunk %2 / %3</translation>
    </message>
    <message>
        <source>已停止：已发送 %1 / %2 块（%3 条记录）。已发送的部分县平台已确认；下次同步从第一个未确认的块继续，不会重复或遗漏记录。</source>
        <translation>Stopped: %1 / %2 chunks sent (%3 records), confirmed by the county. The next sync resumes from the first unconfirmed chunk; no record is sent twice or missed.</translation>
    </message>
    <message>
        <source>没有要上传的内容：已月结的批次都已被县平台确认。本月的记录在月结后才会上传。</source>
        <translation>Nothing to upload: every closed month&apos;s batches were confirmed by the county. This month&apos;s records go up after its month close.</translation>
    </message>
    <message>
        <source>上传完成：%1 条记录已送到县平台并得到确认。</source>
        <translation>Upload finished: %1 records reached the county and were confirmed.</translation>
    </message>
    <message>
        <source>月结将封存以下月份，之后对这些月份的修改只能作为更正上传：</source>
        <translation>The month close seals these months; later changes to them go to the county as corrections:</translation>
    </message>
    <message>
        <source>    %1（%2 条记录）</source>
        <translation>    %1 (%2 records)</translation>
    </message>
    <message>
        <source>另有已月结月份的更正 %1 条一并封存。</source>
        <translation>%1 corrections to months closed earlier are sealed with them.</translation>
    </message>
    <message>
        <source>较早的 %1 个月尚未月结，会一起封存。</source>
        <translation>%1 earlier month(s) were never closed and are sealed too.</translation>
    </message>
    <message>
        <source>注意：%1 是本月，还没有结束。月结后本月再录入的考勤都要作为更正上传。一般等到月底再月结。</source>
        <translation>Note: %1 is the current month and not over yet. Attendance entered after the close goes as corrections. Usually a month is closed after it ends.</translation>
    </message>
    <message>
        <source>注意：%1 没有任何记录。请确认这个月确实没有开课或签到。</source>
        <translation>Note: %1 has no records at all. Make sure there really were no sessions or sign-ins that month.</translation>
    </message>
    <message>
        <source>月结前会先自动备份。继续吗？</source>
        <translation>A backup is made first. Continue?</translation>
    </message>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>已月结 %1：%2 条记录封存为 %3 个上传批次。下一步：连上网络后点“立即同步”，或点“导出到U盘…”把批次带到县里。</source>
        <translation>Closed %1: %2 records sealed in %3 upload batch(es). Next: when online, click “Sync now”, or “Export to USB…” to take the batches to the county.</translation>
    </message>
    <message>
        <source>月结完成</source>
        <translation>Month closed</translation>
    </message>
    <message>
        <source>导出到U盘</source>
        <translation>Export to USB</translation>
    </message>
    <message>
        <source>上传批次文件 (*.ccsbatch)</source>
        <translation>Upload batch files (*.ccsbatch)</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>导出Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>把表格中显示的内容保存为Excel文件（WPS、LibreOffice可打开）</source>
        <translation>Save what the table shows as an Excel file (opens in WPS and LibreOffice)</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>无法写入 %1：文件可能正在 WPS 或 Excel 中打开，或该文件夹不允许写入。请关闭该文件或换一个位置后重试。未生成任何文件。</source>
        <translation>Cannot write %1: the file may be open in WPS or Excel, or the folder is read-only. Close the file or choose another place and try again. No file was written.</translation>
    </message>
    <message>
        <source>无法写入 %1：%2。未生成任何文件。</source>
        <translation>Cannot write %1: %2. No file was written.</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>VenuesDialog</name>
    <message>
        <source>场地资源库</source>
        <translation>Venues</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>容纳人数</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>场地名称</source>
        <translation>Venue name</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>添加场地</source>
        <translation>Add venue</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>师资库</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <source>月度时长</source>
        <translation>Monthly hours</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>姓名、拼音首字母或手机尾号</source>
        <translation>Name, pinyin initials or phone tail</translation>
    </message>
    <message>
        <source>加入师资库…</source>
        <translation>Add to pool…</translation>
    </message>
    <message>
        <source>服务时长证明…</source>
        <translation>Service statement…</translation>
    </message>
    <message>
        <source>选中一人，生成其一年的志愿服务时长证明（PDF）</source>
        <translation>Select a person to make their service-hours statement for a year (PDF)</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>特长</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>添加服务记录…</source>
        <translation>Add service record…</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时长（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>课次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>手工</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>服务次数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>月度服务时长</source>
        <translation>Monthly service hours</translation>
    </message>
    <message>
        <source>合计 %1 小时，%2 人</source>
        <translation>Total %1 h, %2 people</translation>
    </message>
    <message>
        <source>确定删除 %1 %2 的这条服务记录吗？</source>
        <translation>Delete this service record of %2 on %1?</translation>
    </message>
    <message>
        <source>服务时长证明</source>
        <translation>Service statement</translation>
    </message>
    <message>
        <source>请先在师资库中选中一位教师或志愿者。</source>
        <translation>First select a teacher or volunteer in the pool.</translation>
    </message>
    <message>
        <source>%1_%2年服务时长证明.pdf</source>
        <translation>%1_service_statement_%2.pdf</translation>
    </message>
    <message>
        <source>已生成 %1 %2 年的服务时长证明：%3 条记录，共 %4 小时。
%5</source>
        <translation>Wrote the %2 service statement of %1: %3 records, %4 hours in all.
%5</translation>
    </message>
    <message>
        <source>没有生成文件：%1</source>
        <translation>No file was written: %1</translation>
    </message>
    <message>
        <source>%1 的哪一年？</source>
        <translation>Which year for %1?</translation>
    </message>
    <message>
        <source>保存服务时长证明</source>
        <translation>Save service statement</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
</TS>
