; Inno Setup 6.3+ script for the Verbindtafel installer (UTF-8 with a byte order mark, so
; Inno Setup reads the Dutch texts right).
;
; packaging/build.py runs it after the bundle passed its smoke test:
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 /DBundleDir=...\dist\Verbindtafel
;        /O...\dist packaging\verbindtafel.iss
;
; Per user without admin rights by default (the dialog offers "for all users", which asks
; for admin rights); upgrades in place (fixed AppId); the uninstaller keeps the data folder
; and says where it is.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=1.2.3 /DAppNumericVersion=1.2.3.0 (packaging/build.py does)
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\Verbindtafel"
#endif

#define AppName "Verbindtafel"
#define AppExe "Verbindtafel.exe"
; platformdirs' user_data_dir("Verbindtafel", "Verbindtafel", roaming=True): see
; verbindtafel_desktop/persistence/data_dir.py.
#define DataFolder "{userappdata}\Verbindtafel\Verbindtafel"

[Setup]
; Never change the AppId: it is how a new version finds and replaces the old one.
AppId={{E847D129-B890-4EA7-B572-47C44C5E190E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=De Verbindtafel Rotterdam
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
SetupIconFile=..\resources\icons\verbindtafel.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; A running Verbindtafel is closed (after asking) before its files are replaced.
CloseApplications=yes
OutputBaseFilename=Verbindtafel-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
dutch.DataKept=Verbindtafel is verwijderd, maar uw gegevens zijn bewaard: de database met alle deelnemers, tafels en sessies, en de reservekopieën. Ze staan in deze map:%n%n%1%n%nInstalleert u Verbindtafel opnieuw, dan werkt het weer met deze gegevens. Wilt u ze echt niet meer, verwijder de map dan zelf.
english.DataKept=Verbindtafel has been removed, but your data has been kept: the database with every participant, table and session, and its backups. It is in this folder:%n%n%1%n%nIf you install Verbindtafel again, it works with this data again. If you really no longer want it, delete the folder yourself.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; Libraries of an older version must not linger next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder: the data folder is the user's and stays.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  Folder := ExpandConstant('{#DataFolder}');
  if (CurUninstallStep = usPostUninstall) and DirExists(Folder) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [Folder]), mbInformation, MB_OK);
end;
