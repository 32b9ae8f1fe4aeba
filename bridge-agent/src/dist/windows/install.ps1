#Requires -RunAsAdministrator
<#
.SYNOPSIS
Installs the PrintBridge agent as a Windows service, enrols this PC and sets its receipt printer.

.DESCRIPTION
From the unpacked zip, in an administrator PowerShell:
  powershell -ExecutionPolicy Bypass -File .\install.ps1
It copies the agent to C:\Program Files\PrintBridge\agent, creates C:\ProgramData\PrintBridge
(settings, identity, journal, logs: readable only by the service's account and administrators),
asks for the bridge server and the one-time code from IT and runs `bridge-agent enroll`, lists
the printers it sees (`bridge-agent printers`), asks which one prints receipts, then registers
and starts the service (automatic start, restart on failure, account NT SERVICE\PrintBridgeAgent).
Every question can be answered by a parameter instead.

.EXAMPLE
.\install.ps1 -Server bridge.example.com:8443 -Code K7QM-2XHD-9RTV-0F8N-C4PA-ZB6W -PrinterUsb 0471:0055
#>
[CmdletBinding()]
param(
    [string]$Server,
    [string]$Code,
    [string]$PrinterUsb,
    [string]$PrinterHost,
    [string]$PrinterQueue,
    [switch]$PrinterVirtual,
    [switch]$SkipEnrolment
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PrintBridgeService.ps1')

if (Get-Service $ServiceName -ErrorAction SilentlyContinue) {
    throw "the service $ServiceName is already installed: run update.ps1 to update it, or uninstall.ps1 first"
}

# 1. The program.
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -Force -Path (Join-Path $PSScriptRoot '*') -Destination $InstallDir -Recurse
$java = Find-AgentJava $InstallDir
Write-Host "Java: $($java.Home)"
Write-ClassDataArchive $java

# 2. The data folder and its settings (kept if already there, e.g. after uninstall.ps1 without -RemoveData).
foreach ($dir in @($DataDir, $LogDir, (Join-Path $DataDir 'data'))) { New-Item -ItemType Directory -Force -Path $dir | Out-Null }
if (-not (Test-Path $ConfigFile)) { Copy-Item (Join-Path $PSScriptRoot 'agent.service.properties') $ConfigFile }

# 3. Enrolment with the one-time code from IT.
$enrolled = Select-String -Path $ConfigFile -Pattern '^tls\.key=' -Quiet
if (-not $SkipEnrolment -and -not $enrolled) {
    if (-not $Server) { $Server = Read-Host 'Bridge server (HOST:PORT, from IT)' }
    if (-not $Code) { $Code = Read-Host 'One-time enrolment code (from IT)' }
    $status = Invoke-Agent $java @('enroll', '--server', $Server, '--code', $Code, '--config', $ConfigFile)
    if ($status -ne 0) { throw "enrolment failed (bridge-agent exit status $status): see the message above; ask IT for a new code if it was refused" }
}

# 4. The receipt printer, chosen from what this PC sees.
# Without --config (and no agent.properties in the current folder) `printers` lists the USB
# printers only: with the settings file, whose receipt printer is not chosen yet, it would stop at that.
Write-Host 'USB printers this PC sees:'
Push-Location $InstallDir
try { Invoke-Agent $java @('printers') | Out-Null } finally { Pop-Location }
if ($PrinterUsb) { Set-ReceiptPrinter 'usb' $PrinterUsb }
elseif ($PrinterHost) { Set-ReceiptPrinter 'network' $PrinterHost }
elseif ($PrinterQueue) { Set-ReceiptPrinter 'spooler' $PrinterQueue }
elseif ($PrinterVirtual) { Set-ReceiptPrinter 'virtual' '' }
elseif (-not (Select-String -Path $ConfigFile -Pattern '^printer\.receipt\.transport=' -Quiet)) {
    Write-Host 'Receipt printer: 1 = USB (VVVV:PPPP as listed above, WinUSB driver from Zadig), 2 = network (IP[:port]), 3 = Windows printer (queue name), 4 = virtual (no paper)'
    $choice = Read-Host 'Choice (1-4)'
    switch ($choice) {
        '1' { Set-ReceiptPrinter 'usb' (Read-Host 'USB vendor:product') }
        '2' { Set-ReceiptPrinter 'network' (Read-Host 'Printer address') }
        '3' { Set-ReceiptPrinter 'spooler' (Read-Host 'Windows printer name') }
        '4' { Set-ReceiptPrinter 'virtual' '' }
        default { throw "choice: '$choice' (expected: 1, 2, 3 or 4)" }
    }
}
$status = Invoke-Agent $java @('printers', '--config', $ConfigFile)
if ($status -ne 0) { Write-Warning 'the receipt printer is not ready (see above): the service starts anyway and reports it to the server' }

# 5. The service, its account, then the data folder closed to everyone else.
Register-AgentService $java 'IS'
Protect-DataDir
Start-Service $ServiceName
(Get-Service $ServiceName).WaitForStatus('Running', [TimeSpan]::FromSeconds(30))
Write-Host "Service $ServiceName running. Log: $LogDir\agent.log"
