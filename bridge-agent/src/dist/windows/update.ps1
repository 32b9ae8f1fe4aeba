#Requires -RunAsAdministrator
<#
.SYNOPSIS
Updates an installed PrintBridge agent from this unpacked zip: stops the service, replaces the
program (and its runtime), points the service at it, starts it. Settings, identity, journal and
logs in C:\ProgramData\PrintBridge are kept.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PrintBridgeService.ps1')

if (-not (Get-Service $ServiceName -ErrorAction SilentlyContinue)) {
    throw "the service $ServiceName is not installed (expected: install.ps1 first)"
}
# The stop method closes the stream and the journal; procrun waits for it (--StopTimeout).
Stop-Service $ServiceName
(Get-Service $ServiceName).WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
if (Test-Path (Join-Path $InstallDir 'runtime')) { Remove-Item -Recurse -Force (Join-Path $InstallDir 'runtime') }
Copy-Item -Force -Path (Join-Path $PSScriptRoot '*') -Destination $InstallDir -Recurse
$java = Find-AgentJava $InstallDir
Write-ClassDataArchive $java
Register-AgentService $java 'US'
Protect-DataDir
Start-Service $ServiceName
(Get-Service $ServiceName).WaitForStatus('Running', [TimeSpan]::FromSeconds(30))
Write-Host "Service $ServiceName updated and running. Log: $LogDir\agent.log"
