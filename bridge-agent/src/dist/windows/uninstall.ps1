#Requires -RunAsAdministrator
<#
.SYNOPSIS
Removes the PrintBridge agent service and its program. The data folder (settings, this PC's
identity, journal, logs) stays unless -RemoveData is given: a reinstall then needs no new code.
#>
[CmdletBinding()]
param([switch]$RemoveData)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PrintBridgeService.ps1')

if (Get-Service $ServiceName -ErrorAction SilentlyContinue) {
    Stop-Service $ServiceName
    (Get-Service $ServiceName).WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
    & (Join-Path $InstallDir 'prunsrv.exe') "//DS//$ServiceName"
    if ($LASTEXITCODE -ne 0) { throw "prunsrv //DS//$ServiceName failed with exit code $LASTEXITCODE" }
}
# This script may run from the install folder itself: leave it for last, from a copy of nothing.
Set-Location $env:TEMP
if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
if ($RemoveData -and (Test-Path $DataDir)) {
    Remove-Item -Recurse -Force $DataDir
    Write-Host "Removed ${DataDir}: this PC's identity is gone; revoke the store's certificate on the server if the PC leaves the shop."
}
Write-Host "Service $ServiceName removed."
