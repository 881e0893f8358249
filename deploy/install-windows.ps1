# ReplySearch as a Windows service. Run in an elevated PowerShell from the unpacked win-x64 bundle:
#   powershell -ExecutionPolicy Bypass -File deploy\install-windows.ps1 -Path C:\ReplySearch -Data D:\ReplySearchData
# The service runs as LocalService, listens on loopback (put IIS or nginx in front for users), and keeps
# the archive, index and backups under -Data. Uninstall: Stop-Service ReplySearch; sc.exe delete ReplySearch
param(
    [string]$Path = "C:\ReplySearch",
    [string]$Data = "C:\ReplySearchData",
    [string]$Urls = "http://127.0.0.1:5080",
    [string]$Name = "ReplySearch"
)
$ErrorActionPreference = "Stop"

$exe = Join-Path $Path "ReplySearch.Api.exe"
if (-not (Test-Path $exe)) { throw "$exe not found: unpack the win-x64 bundle into $Path first" }
foreach ($dir in "corpus", "index", "backups") { New-Item -ItemType Directory -Force -Path (Join-Path $Data $dir) | Out-Null }

# The service account may write the data folder only.
icacls $Data /grant "NT AUTHORITY\LocalService:(OI)(CI)M" | Out-Null

New-Service -Name $Name -BinaryPathName "`"$exe`"" -DisplayName "ReplySearch" `
    -Description "Full-text search over replies to delegates' proposals" -StartupType Automatic | Out-Null
sc.exe config $Name obj= "NT AUTHORITY\LocalService" | Out-Null
# Restart after a failure: after 5 s, twice, then after a minute.
sc.exe failure $Name reset= 86400 actions= restart/5000/restart/5000/restart/60000 | Out-Null

# Settings as environment variables of the service alone (the same keys as appsettings.json).
$environment = @(
    "ASPNETCORE_URLS=$Urls",
    "ReplySearch__CorpusPath=$(Join-Path $Data 'corpus')",
    "ReplySearch__IndexPath=$(Join-Path $Data 'index')",
    "ReplySearch__BackupPath=$(Join-Path $Data 'backups')"
)
Set-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$Name" -Name Environment -Type MultiString -Value $environment

Start-Service $Name
Write-Host "ReplySearch is running: $Urls/health"
