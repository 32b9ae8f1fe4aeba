@echo off
rem bridge-agent for the technician (enroll, printers, virtual-printer): with the runtime shipped
rem beside it (runtime\) if there is one, else the java.exe on PATH (17 or later).
setlocal
set "HERE=%~dp0"
if exist "%HERE%runtime\bin\java.exe" (set "JAVA=%HERE%runtime\bin\java.exe") else (set "JAVA=java.exe")
"%JAVA%" -jar "%HERE%bridge-agent.jar" %*
exit /b %ERRORLEVEL%
