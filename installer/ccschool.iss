; Inno Setup script for the Windows installer (Inno Setup 6.5 or newer, which ships the
; Simplified Chinese messages file; with 6.1–6.4 put ChineseSimplified.isl from
; https://jrsoftware.org/files/istrans/ into the compiler's Languages folder).
;
; Build: python installer\build.py   (makes dist\ccschool\ with PyInstaller)
;        iscc /DAppVersion=0.1.0 installer\ccschool.iss
; The version is passed from pyproject.toml by build.py on Windows; this default is a fallback.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ccschool"
#define AppExe "ccschool.exe"

[Setup]
; A fixed AppId makes a new version an upgrade of the old one (same folder, same uninstaller).
AppId={{6F0B1F4E-2C1D-4E6B-9A53-C5C0A0D7C2B1}
AppName={cm:AppTitle}
AppVersion={#AppVersion}
AppVerName={cm:AppTitle} {#AppVersion}
AppPublisher=ccschool
VersionInfoVersion={#AppVersion}
; {autopf}: Program Files for an all-users install, %LOCALAPPDATA%\Programs for the current user.
DefaultDirName={autopf}\ccschool
DefaultGroupName={cm:AppTitle}
DisableProgramGroupPage=yes
; Village laptops often have no administrator at hand: install for the current user by default,
; and let an IT person choose "all users" in the dialog (or /ALLUSERS on the command line).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsePreviousPrivileges=yes
OutputDir=..\dist
OutputBaseFilename=ccschool-setup-{#AppVersion}
SetupIconFile=..\resources\icons\ccschool.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Upgrading while the app is open would replace files under it.
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppTitle=社区学校学习管理
english.AppTitle=ccschool community school records
chinesesimplified.DeleteData=是否同时删除所有学员、考勤和备份数据？%n%n数据文件夹：%1%n%n一般请选择“否”，以便重新安装后继续使用。
english.DeleteData=Also delete all learner, attendance and backup data?%n%nData folder: %1%n%nChoose No unless you are sure: a reinstall would then start from nothing.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole PyInstaller one-folder bundle. Data never lives here: it is in the user's data
; folder, so an upgrade replaces program files only and the app migrates the data on start.
Source: "..\dist\ccschool\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that the new one no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
// The data folder (platformdirs' user_data_dir("ccschool")) is kept on uninstall unless the
// user explicitly says yes; a silent uninstall never deletes it.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\ccschool');
    if DirExists(DataDir) and not UninstallSilent then
      if MsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir]), mbConfirmation,
                MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
