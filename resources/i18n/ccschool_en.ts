<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
