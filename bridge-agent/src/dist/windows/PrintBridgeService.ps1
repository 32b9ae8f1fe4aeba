# What install.ps1, update.ps1 and uninstall.ps1 share: the service's name and folders, finding
# a Java runtime, registering the service with procrun, and the data folder's access list.
# Dot-sourced by them; does nothing by itself.

$ServiceName = 'PrintBridgeAgent'
$ServiceAccount = "NT SERVICE\$ServiceName"   # a virtual account: its own SID, no password, few rights
$InstallDir = Join-Path $env:ProgramFiles 'PrintBridge\agent'
$DataDir = Join-Path $env:ProgramData 'PrintBridge'
$ConfigFile = Join-Path $DataDir 'agent.properties'
$LogDir = Join-Path $DataDir 'logs'

function Find-AgentJava([string]$From) {
    # The runtime shipped in the zip (runtime\, made by jlink) first, else an installed Java 17+:
    # JAVA_HOME, then java.exe on PATH. Returns java.exe and the jvm.dll procrun loads.
    $candidates = @()
    $candidates += Join-Path $From 'runtime'
    if ($env:JAVA_HOME) { $candidates += $env:JAVA_HOME }
    $onPath = Get-Command java.exe -ErrorAction SilentlyContinue
    if ($onPath) { $candidates += Split-Path (Split-Path $onPath.Source -Parent) -Parent }
    # java -version writes to standard error, which 'Stop' would turn into a terminating error.
    $ErrorActionPreference = 'Continue'
    foreach ($candidate in $candidates) {
        $java = Join-Path $candidate 'bin\java.exe'
        $jvm = Join-Path $candidate 'bin\server\jvm.dll'
        if (-not ((Test-Path $java) -and (Test-Path $jvm))) { continue }
        $settings = & $java -XshowSettings:properties -version 2>&1 | Out-String
        if ($settings -match 'java\.specification\.version = (\d+)') {
            if ([int]$Matches[1] -ge 17) {
                return [pscustomobject]@{ Java = $java; Jvm = $jvm; Home = $candidate }
            }
            Write-Warning "$candidate is Java $($Matches[1]) (expected: 17 or later): skipped"
        }
    }
    throw "no Java 17 or later found (looked in: $($candidates -join ', ')). Install one (e.g. Eclipse Temurin 17 JRE), or use the zip built with its runtime."
}

function Write-ClassDataArchive([object]$Java) {
    # The runtime shipped in the zip comes without the JDK's class data sharing archive (jlink can
    # only make one by running the image's own java.exe, which the Linux build cannot); made here,
    # once, in a few seconds. Without it the agent still runs, about 10 MB larger at rest
    # (BENCHMARKS.md, "The agent at rest"), so a failure is a warning, not a failed install.
    # An installed Java (JAVA_HOME, PATH) is left as it is: JDK builds carry their own archive.
    if ($Java.Home -ne (Join-Path $InstallDir 'runtime')) { return }
    $archive = Join-Path $Java.Home 'bin\server\classes.jsa'
    if (Test-Path $archive) { return }
    $ErrorActionPreference = 'Continue'
    $output = & $Java.Java -Xshare:dump 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $archive)) {
        Write-Warning "java -Xshare:dump failed (exit code $LASTEXITCODE; expected: $archive written); the agent runs without it: $output"
    }
}

function Invoke-Agent([object]$Java, [string[]]$Arguments) {
    # bridge-agent itself, from the installed jar; returns its exit status (0 done, 1 failed, 2 input to fix).
    # Its output goes to the console, so that the function returns the exit status alone.
    & $Java.Java -jar (Join-Path $InstallDir 'bridge-agent.jar') @Arguments | Out-Host
    return $LASTEXITCODE
}

function Register-AgentService([object]$Java, [string]$Verb) {
    # procrun //IS// installs, //US// updates. JVM mode: prunsrv loads jvm.dll and calls
    # AgentService.start / stop in it, so a stop closes the stream and the journal cleanly.
    $prunsrv = Join-Path $InstallDir 'prunsrv.exe'
    $arguments = @(
        "//$Verb//$ServiceName",
        '--DisplayName=PrintBridge agent',
        '--Description=Drives this till''s receipt printer for the PrintBridge server (bridge-agent).',
        '--Startup=auto',
        "--Jvm=$($Java.Jvm)",
        "--Classpath=$(Join-Path $InstallDir 'bridge-agent.jar')",
        '--StartMode=jvm',
        '--StartClass=io.printbridge.agent.service.AgentService',
        '--StartMethod=start',
        "--StartParams=--config;$ConfigFile",
        '--StopMode=jvm',
        '--StopClass=io.printbridge.agent.service.AgentService',
        '--StopMethod=stop',
        '--StopTimeout=30',
        "--StartPath=$DataDir",
        # A small JVM for a till PC (BENCHMARKS.md, "The agent at rest"): serial GC, a 3 MB young
        # generation (what the agent allocates between two collections at rest; a larger one is
        # touched and kept), small stacks, and no JIT compiler (-Xint): the agent's heavy work is
        # TLS, done natively by BoringSSL, and the compiler's thread, memory and compiled code cost
        # about 6 MB at rest. Netty's buffers unpooled: its pools keep a chunk per arena (about
        # 4 MB) for traffic of a few hundred bytes a second. procrun splits --JvmOptions on ';'.
        '--JvmMs=8',
        '--JvmMx=64',
        '--JvmOptions=-Xmn3m;-Dfile.encoding=UTF-8;-XX:+UseSerialGC;-Xss512k;-Xint;-XX:ReservedCodeCacheSize=16m;-XX:MaxMetaspaceSize=64m;-XX:MaxDirectMemorySize=32m;-XX:-UsePerfData;-Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled',
        "--LogPath=$LogDir",
        '--LogPrefix=procrun',
        '--LogLevel=Info',
        '--StdError=auto'
    )
    & $prunsrv @arguments
    if ($LASTEXITCODE -ne 0) { throw "prunsrv //$Verb//$ServiceName failed with exit code $LASTEXITCODE (see $LogDir\procrun.*.log)" }
    # Its own low-privilege account, and a restart after 5 s, 30 s and 60 s when it fails or
    # exits with a non-zero status (a start that failed): failureflag counts those as failures.
    & sc.exe config $ServiceName obj= $ServiceAccount | Out-Null
    & sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/30000/restart/60000 | Out-Null
    & sc.exe failureflag $ServiceName 1 | Out-Null
}

function Protect-DataDir {
    # Settings, private key, journal and logs: the service's account and administrators only
    # (no inheritance from C:\ProgramData, whose Users may read). Applied to what is there.
    & icacls.exe $DataDir /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "${ServiceAccount}:(OI)(CI)M" /T /C /Q | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "icacls could not restrict $DataDir (exit code $LASTEXITCODE)" }
}

function Set-ReceiptPrinter([string]$Kind, [string]$Value) {
    # Replaces the printer.receipt.* lines of agent.properties with the technician's choice.
    $lines = @(Get-Content $ConfigFile | Where-Object { $_ -notmatch '^printer\.receipt\.' })
    $lines += "printer.receipt.transport=$Kind"
    switch ($Kind) {
        'usb' {
            if ($Value -notmatch '^([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})$') { throw "USB printer: '$Value' (expected: VVVV:PPPP in hex, e.g. 0471:0055)" }
            $lines += "printer.receipt.usb.vendor-id=$($Matches[1])"
            $lines += "printer.receipt.usb.product-id=$($Matches[2])"
        }
        'network' {
            $hostPort = $Value.Split(':')
            $lines += "printer.receipt.network.host=$($hostPort[0])"
            if ($hostPort.Count -gt 1) { $lines += "printer.receipt.network.port=$($hostPort[1])" }
        }
        'spooler' { $lines += "printer.receipt.spooler.queue=$Value" }
        'virtual' { }
        default { throw "receipt printer: '$Kind' (expected: usb, network, spooler or virtual)" }
    }
    Set-Content -Path $ConfigFile -Value $lines -Encoding ASCII
}
