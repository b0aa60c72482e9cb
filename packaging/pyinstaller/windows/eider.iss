; Inno Setup script: wraps the PyInstaller folder (dist\eider\) in a per-user installer with a
; Start menu entry and the file associations for Cyberduck profiles and bookmarks.
; NOT built or tested here (Linux only): see ..\README.md. Build on Windows with
;   packaging\build_desktop.sh's PyInstaller step, then  iscc packaging\pyinstaller\windows\eider.iss
#define AppVersion GetEnv("EIDER_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId=org.eider.Eider
AppName=Eider
AppVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\Eider
DefaultGroupName=Eider
PrivilegesRequired=lowest
ChangesAssociations=yes
OutputDir=..\..\..\dist
OutputBaseFilename=eider-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
SetupIconFile=eider.ico
UninstallDisplayIcon={app}\eider.exe

[Files]
Source: "..\..\..\dist\eider\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Eider"; Filename: "{app}\eider.exe"
Name: "{userdesktop}\Eider"; Filename: "{app}\eider.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; One ProgID per document kind; double-click runs  eider.exe "FILE", which imports it (or hands
; it to the running Eider).
Root: HKCU; Subkey: "Software\Classes\Eider.Profile"; ValueType: string; ValueData: "Cyberduck connection profile"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Eider.Profile\DefaultIcon"; ValueType: string; ValueData: "{app}\eider.exe,0"
Root: HKCU; Subkey: "Software\Classes\Eider.Profile\shell\open\command"; ValueType: string; ValueData: """{app}\eider.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Eider.Bookmark"; ValueType: string; ValueData: "Cyberduck bookmark"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Eider.Bookmark\DefaultIcon"; ValueType: string; ValueData: "{app}\eider.exe,0"
Root: HKCU; Subkey: "Software\Classes\Eider.Bookmark\shell\open\command"; ValueType: string; ValueData: """{app}\eider.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\.cyberduckprofile\OpenWithProgids"; ValueType: string; ValueName: "Eider.Profile"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.profile\OpenWithProgids"; ValueType: string; ValueName: "Eider.Profile"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.duck\OpenWithProgids"; ValueType: string; ValueName: "Eider.Bookmark"; ValueData: ""; Flags: uninsdeletevalue
