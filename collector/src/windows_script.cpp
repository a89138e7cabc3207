// The parts of the collector script that read Windows data (registry keys, services, the audit
// policy, file and folder rights): fixed functions, and the calls the plan asks for.
#include "windows_script.h"

#include <scapc/clixml.h>

namespace scapc::collector {
namespace {

constexpr std::string_view kWindowsFunctions = R"PS(
# One registry key, opened read-only in the 64-bit view: its values as registry_item entities
# (type as OVAL names it; a DWORD as the unsigned number regedit shows), or that it does not exist,
# or why it could not be read.
function Get-ScapcRegistryKey {
  param([string]$Hive, [string]$Key)
  $entry = [ordered]@{ hive = $Hive; key = $Key }
  $roots = @{
    'HKEY_LOCAL_MACHINE' = [Microsoft.Win32.RegistryHive]::LocalMachine
    'HKEY_USERS' = [Microsoft.Win32.RegistryHive]::Users
    'HKEY_CURRENT_CONFIG' = [Microsoft.Win32.RegistryHive]::CurrentConfig
    'HKEY_CLASSES_ROOT' = [Microsoft.Win32.RegistryHive]::ClassesRoot
    'HKEY_CURRENT_USER' = [Microsoft.Win32.RegistryHive]::CurrentUser
  }
  $base = $null
  $opened = $null
  try {
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($roots[$Hive], [Microsoft.Win32.RegistryView]::Registry64)
    $opened = $base.OpenSubKey($Key, $false)
    if ($null -eq $opened) {
      $entry.exists = $false
      return $entry
    }
    $values = [System.Collections.Generic.List[object]]::new()
    foreach ($name in $opened.GetValueNames()) {
      $kind = $opened.GetValueKind($name)
      $data = $opened.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
      switch ($kind) {
        'DWord' { $type = 'reg_dword'; $data = [long][BitConverter]::ToUInt32([BitConverter]::GetBytes([int]$data), 0) }
        'QWord' { $type = 'reg_qword'; $data = [long]$data }
        'String' { $type = 'reg_sz'; $data = [string]$data }
        'ExpandString' { $type = 'reg_expand_sz'; $data = [string]$data }
        'MultiString' { $type = 'reg_multi_sz'; $data = [string[]]@($data) }
        'Binary' { $type = 'reg_binary'; $data = (@($data) | ForEach-Object { $_.ToString('x2') }) -join '' }
        default { $type = 'reg_none'; $data = '' }
      }
      $values.Add([ordered]@{ name = [string]$name; type = $type; value = $data })
    }
    $entry.values = $values.ToArray()
  } catch {
    $entry.error = $_.Exception.Message
  } finally {
    if ($null -ne $opened) { $opened.Close() }
    if ($null -ne $base) { $base.Close() }
  }
  return $entry
}

# Every service as service_item entities, from Win32_Service (which, unlike Get-Service on Windows
# PowerShell 5.1, has the start mode and the account).
function Get-ScapcServices {
  $startTypes = @{ 'Auto' = 'SERVICE_AUTO_START'; 'Manual' = 'SERVICE_DEMAND_START'; 'Disabled' = 'SERVICE_DISABLED'; 'Boot' = 'SERVICE_BOOT_START'; 'System' = 'SERVICE_SYSTEM_START' }
  $states = @{ 'Running' = 'SERVICE_RUNNING'; 'Stopped' = 'SERVICE_STOPPED'; 'Paused' = 'SERVICE_PAUSED'; 'Start Pending' = 'SERVICE_START_PENDING'; 'Stop Pending' = 'SERVICE_STOP_PENDING'; 'Continue Pending' = 'SERVICE_CONTINUE_PENDING'; 'Pause Pending' = 'SERVICE_PAUSE_PENDING' }
  $services = [System.Collections.Generic.List[object]]::new()
  foreach ($service in @(Get-CimInstance -ClassName Win32_Service -ErrorAction Stop)) {
    $item = [ordered]@{ service_name = [string]$service.Name }
    if ($service.DisplayName) { $item.display_name = [string]$service.DisplayName }
    if ($startTypes.ContainsKey([string]$service.StartMode)) { $item.start_type = $startTypes[[string]$service.StartMode] }
    if ($states.ContainsKey([string]$service.State)) { $item.current_state = $states[[string]$service.State] }
    if ($service.StartName) { $item.start_name = [string]$service.StartName }
    if ($service.PathName) { $item.path = [string]$service.PathName }
    if ($service.ProcessId) { $item.pid = [long]$service.ProcessId }
    $services.Add($item)
  }
  return $services.ToArray()
}

# The advanced audit policy from auditpol.exe's /get (which changes nothing), each subcategory named
# as OVAL's auditeventpolicysubcategories_item entity. auditpol names subcategories in the system's
# language: on a system that is not in English the names do not match and are left out, so tests of
# them are errors rather than verdicts.
function Get-ScapcAuditPolicy {
  param([string[]]$Known)
  $settings = @{ 'No Auditing' = 'AUDIT_NONE'; 'Success' = 'AUDIT_SUCCESS'; 'Failure' = 'AUDIT_FAILURE'; 'Success and Failure' = 'AUDIT_SUCCESS_FAILURE' }
  $renamed = @{ 'plug_and_play_events' = 'pnp_activity'; 'token_right_adjusted_events' = 'audit_detailedtracking_tokenrightadjusted'; 'central_policy_staging' = 'central_access_policy_staging' }
  $lines = @(& (Join-Path $env:SystemRoot 'System32\auditpol.exe') /get /category:* /r)
  if ($LASTEXITCODE -ne 0) { throw "auditpol.exe exited with $LASTEXITCODE" }
  $policy = [ordered]@{}
  foreach ($line in $lines) {
    $fields = @([string]$line -split ',')
    if ($fields.Count -lt 5) { continue }
    $name = ($fields[2].Trim().ToLowerInvariant() -replace '[^a-z0-9]+', '_').Trim('_')
    if ($renamed.ContainsKey($name)) { $name = $renamed[$name] }
    $setting = $fields[4].Trim()
    if ($Known -contains $name -and $settings.ContainsKey($setting)) { $policy[$name] = $settings[$setting] }
  }
  return $policy
}

# One file or folder's DACL read with Get-Acl (which changes nothing): for each trustee SID, the
# rights its Allow entries grant less those its Deny entries refuse, as fileeffectiverights_item
# booleans. Entries that only pass to children (InheritOnly) do not apply to the path itself; generic
# rights count as the file rights they stand for. Group membership is not expanded: a trustee is an
# entry's SID, as the DACL names it.
function Get-ScapcFileRights {
  param([string]$Path)
  $entry = [ordered]@{ path = $Path }
  $bits = [ordered]@{
    standard_delete = 0x10000; standard_read_control = 0x20000; standard_write_dac = 0x40000
    standard_write_owner = 0x80000; standard_synchronize = 0x100000; access_system_security = 0x1000000
    generic_read = 2147483648; generic_write = 1073741824; generic_execute = 536870912; generic_all = 268435456
    file_read_data = 0x1; file_write_data = 0x2; file_append_data = 0x4; file_read_ea = 0x8; file_write_ea = 0x10
    file_execute = 0x20; file_delete_child = 0x40; file_read_attributes = 0x80; file_write_attributes = 0x100
  }
  # GENERIC_READ, _WRITE, _EXECUTE and _ALL stand for FILE_GENERIC_READ, _WRITE, _EXECUTE and FILE_ALL_ACCESS.
  # Decimal, as PowerShell 5.1 reads hexadecimal 0x80000000 as a negative Int32.
  $generic = @(@(2147483648, 1179785), @(1073741824, 1179926), @(536870912, 1179808), @(268435456, 2032127))
  try {
    if (-not ([System.IO.Directory]::Exists($Path) -or [System.IO.File]::Exists($Path))) {
      $entry.exists = $false
      return $entry
    }
    $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
    $allowed = [ordered]@{}
    $denied = @{}
    foreach ($rule in $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {
      if ($rule.PropagationFlags -band [System.Security.AccessControl.PropagationFlags]::InheritOnly) { continue }
      $mask = [long]$rule.FileSystemRights.value__
      if ($mask -lt 0) { $mask += 4294967296 }
      foreach ($pair in $generic) { if ($mask -band $pair[0]) { $mask = $mask -bor $pair[1] } }
      $sid = $rule.IdentityReference.Value
      if ($rule.AccessControlType -eq [System.Security.AccessControl.AccessControlType]::Allow) {
        $allowed[$sid] = [long]$allowed[$sid] -bor $mask
      } else {
        $denied[$sid] = [long]$denied[$sid] -bor $mask
      }
    }
    $trustees = [System.Collections.Generic.List[object]]::new()
    foreach ($sid in @($allowed.Keys)) {
      $mask = [long]$allowed[$sid] -band (-bnot [long]$denied[$sid])
      $trustee = [ordered]@{ trustee_sid = [string]$sid }
      try {
        $trustee.trustee_name = [System.Security.Principal.SecurityIdentifier]::new($sid).Translate([System.Security.Principal.NTAccount]).Value
      } catch {
        Write-Verbose "No name for ${sid}: $($_.Exception.Message)"
      }
      $trustee.rights = @($bits.Keys | Where-Object { $mask -band $bits[$_] })
      $trustees.Add($trustee)
    }
    $entry.trustees = $trustees.ToArray()
  } catch {
    $entry.error = $_.Exception.Message
  }
  return $entry
}

)PS";

}  // namespace

void write_windows_functions(std::ostream& out) {
  out << kWindowsFunctions;
}

void write_windows_reads(std::ostream& out, const Plan& plan) {
  if (plan.registry_keys.empty() && plan.service_objects.empty() && plan.audit_policy_objects.empty() &&
      plan.file_paths.empty())
    return;
  out << "$windows = [ordered]@{}\n";
  if (!plan.registry_keys.empty()) {
    out << "$registry = [System.Collections.Generic.List[object]]::new()\n";
    for (const auto& key : plan.registry_keys) {
      out << "# " << key.hive << '\\' << comment_text(key.key) << " (OVAL ";
      for (std::size_t i = 0; i < key.objects.size(); ++i) out << (i == 0 ? "" : ", ") << comment_text(key.objects[i]);
      out << ")\n$registry.Add((Get-ScapcRegistryKey -Hive " << powershell_string(key.hive) << " -Key "
          << powershell_string(key.key) << "))\n";
    }
    out << "$windows.registry = $registry.ToArray()\n";
  }
  if (!plan.service_objects.empty()) {
    // A failure leaves the services out: scapc then reads them as not collected.
    out << "try { $windows.services = @(Get-ScapcServices) } catch { Write-Warning \"Services: "
           "$($_.Exception.Message)\" }\n";
  }
  if (!plan.audit_policy_objects.empty()) {
    out << "$auditSubcategories = @(";
    const auto& known = oval::audit_subcategory_entities();
    for (std::size_t i = 0; i < known.size(); ++i) out << (i == 0 ? "" : ", ") << powershell_string(known[i]);
    // A failure is recorded, so that the audit policy tests are errors rather than not collected.
    out << ")\ntry { $windows.auditPolicy = Get-ScapcAuditPolicy -Known $auditSubcategories } catch { "
           "$windows.auditPolicy = [ordered]@{ error = $_.Exception.Message } }\n";
  }
  if (!plan.file_paths.empty()) {
    out << "$fileRights = [System.Collections.Generic.List[object]]::new()\n";
    for (const auto& path : plan.file_paths) {
      out << "# " << comment_text(path.path) << " (OVAL ";
      for (std::size_t i = 0; i < path.objects.size(); ++i)
        out << (i == 0 ? "" : ", ") << comment_text(path.objects[i]);
      out << ")\n$fileRights.Add((Get-ScapcFileRights -Path " << powershell_string(path.path) << "))\n";
    }
    out << "$windows.fileRights = $fileRights.ToArray()\n";
  }
  out << '\n';
}

}  // namespace scapc::collector
