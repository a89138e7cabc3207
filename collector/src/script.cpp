// The collector script. Everything but the list of invocations is fixed text; content reaches the
// script only as validated names (cmdlets, parameters) and as string literals built by
// powershell_string, and the header comment shows it with anything outside printable ASCII
// replaced, so a definitions file cannot smuggle code into what an administrator runs.
#include <scapc/clixml.h>
#include <scapc/collector.h>

#include <array>
#include <cstdint>
#include <sstream>

#include "windows_script.h"

namespace scapc::collector {
namespace {

bool printable_ascii(char c) {
  return c >= 0x20 && c <= 0x7e;
}

std::string base64(std::string_view bytes) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<std::uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<std::uint8_t>(bytes[i + 2]);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[group & 63] : '=';
  }
  return out;
}

// A switch written as OVAL writes it (an empty field) or as "true" is on; "false" is off.
std::string parameter_value(const Parameter& parameter) {
  std::string value;
  for (const char c : parameter.value) value += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (value.empty() || value == "true") return "$true";
  if (value == "false") return "$false";
  return powershell_string(parameter.value);
}

// Parameter names as PowerShell's help writes them; binding ignores case, so this is only for people.
std::string display_name(std::string name) {
  if (!name.empty() && name.front() >= 'a' && name.front() <= 'z') name.front() = static_cast<char>(name.front() - 32);
  return name;
}

// "Get-Service -Name 'MSExchangePop3*'", for the header and the comment above each invocation.
std::string command_line(const Invocation& invocation) {
  std::string line = invocation.cmdlet();
  if (!invocation.server_parameter.empty()) {
    line += " -" + invocation.server_parameter + " <this server>";
    if (!invocation.server_parameter_on_edge) line += " (not on Edge)";
  }
  for (const auto& parameter : invocation.parameters) {
    line += " -" + display_name(parameter.name);
    const auto value = parameter_value(parameter);
    if (value == "$false") {
      line += ":$false";
    } else if (value != "$true") {
      line += " '" + comment_text(parameter.value) + "'";
    }
  }
  return line;
}

std::string properties_text(const Invocation& invocation) {
  if (invocation.every_property) return "every property";
  std::string text;
  for (const auto& property : invocation.properties) text += (text.empty() ? "" : ", ") + property;
  return text;
}

void write_header(std::ostream& out, const Plan& plan, const ScriptOptions& options) {
  const auto profile = options.profile.empty() ? std::string() : " --profile " + comment_text(options.profile);
  out << "#Requires -Version 5.1\n"
         "# scapc collector for "
      << comment_text(options.content) << "\n# Profile: "
      << (options.profile.empty() ? std::string("none (the benchmark's own selection)") : comment_text(options.profile))
      << R"(
#
# Run it on each Exchange server to be checked (Mailbox or Edge Transport), best in the Exchange
# Management Shell, as an account allowed to view the Exchange configuration. Then, where scapc is:
)"
      << "#   scapc check " << comment_text(options.content) << profile << R"( --data HOST-bundle.json
#
# It only reads: the Exchange and Windows commands it runs are Get cmdlets, and where the content
# asks, Test-ServiceHealth and Test-ReplicationHealth, which only probe. It writes the bundle
# (UTF-8 JSON, docs/collection-bundle.schema.json) and, with -CliXml, one Export-Clixml file per
# cmdlet. A cmdlet that fails is recorded as an error in the bundle and the run goes on.
#
)";
  out << "# The cmdlets it runs (" << plan.invocations.size() << ") and the properties it keeps:\n";
  for (const auto& invocation : plan.invocations) {
    out << "#   " << command_line(invocation) << "\n#       " << properties_text(invocation) << '\n';
  }
  if (!plan.registry_keys.empty()) {
    out << "# The registry keys whose values it reads (" << plan.registry_keys.size()
        << "; opened read-only, 64-bit view):\n";
    for (const auto& key : plan.registry_keys) out << "#   " << key.hive << '\\' << comment_text(key.key) << '\n';
  }
  if (!plan.service_objects.empty()) {
    out << "# The services of this server: Get-CimInstance -ClassName Win32_Service (name, display name,\n"
           "#   start mode, state, account, path, process id)\n";
  }
  if (!plan.audit_policy_objects.empty()) {
    out << "# The advanced audit policy: auditpol.exe /get /category:* /r (read-only)\n";
  }
  if (!plan.file_paths.empty()) {
    out << "# The files and folders whose access rules it reads with Get-Acl (" << plan.file_paths.size()
        << "; read access to the DACL, which the local Administrators have):\n";
    for (const auto& path : plan.file_paths) out << "#   " << comment_text(path.path) << '\n';
  }
  for (const auto& object : plan.not_collected) out << "# Not collected: " << comment_text(object) << '\n';
  out << '\n';
}

void write_parameters(std::ostream& out, const ScriptOptions& options) {
  out << R"([CmdletBinding()]
param(
  # The bundle to write; default: <host name>-bundle.json in the current folder.
  [string]$OutputPath = ".\$([System.Net.Dns]::GetHostName())-bundle.json",
  # Also write each cmdlet's output with Export-Clixml (Get-SendConnector.xml ...), the folder input
  # of scapc check and scapc oval analyse.
  [switch]$CliXml)"
      << (options.clixml_default ? " = $true" : "") << R"(,
  # The folder for -CliXml; default: <host name>-clixml beside the bundle.
  [string]$CliXmlPath = ''
)

)";
}

// Conversion to the bundle's encoding, host identity and running one cmdlet. Functions never return
// arrays (PowerShell would unroll or wrap them); lists are built where they are stored.
constexpr std::string_view kFunctions =
    R"PS(# Properties PowerShell remoting adds to every object of the Exchange Management Shell.
$script:SessionProperties = @('PSComputerName', 'PSShowComputerName', 'RunspaceId')
$script:CliXmlOutput = [ordered]@{}
# This server's name in Exchange and whether it is an Edge Transport server (Get-ScapcExchange).
$script:ScapcServer = $env:COMPUTERNAME
$script:ScapcIsEdge = $false
$script:CliXmlFailed = @{}

function Test-ScapcEnum {
  param($Value)
  if ($null -eq $Value) { return $false }
  # Remoting turns enumerations into objects that only remember the type name.
  return ($Value.PSObject.BaseObject -is [System.Enum]) -or ($Value.PSObject.TypeNames -contains 'Deserialized.System.Enum')
}

function Test-ScapcList {
  param($Value)
  if ($null -eq $Value) { return $false }
  $base = $Value.PSObject.BaseObject
  return ($base -is [System.Collections.IEnumerable]) -and -not ($base -is [string]) -and -not ($base -is [System.Collections.IDictionary])
}

# One element of a list: text as Exchange prints it, dates in ISO 8601.
function ConvertTo-ScapcText {
  param($Value)
  if ($null -eq $Value) { return '' }
  if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
  return [string]$Value
}

# A byte size in Exchange's form, '10 MB (10,485,760 bytes)', with the byte count grouped the same
# way whatever the server's language (scapc reads the count in brackets).
function ConvertTo-ScapcByteText {
  param($Value)
  $text = [string]$Value
  if ($null -eq $Value.PSObject.Methods['ToBytes']) { return $text }
  $bytes = [uint64]$Value.ToBytes()
  $size = ($text -replace '\s*\(.*$', '')
  return '{0} ({1} bytes)' -f $size, $bytes.ToString('N0', [System.Globalization.CultureInfo]::InvariantCulture)
}

# A single value: booleans and integers as JSON, time spans as 'd.hh:mm:ss', Unlimited as
# 'Unlimited', everything else as its text.
function ConvertTo-ScapcScalar {
  param($Value)
  if ($null -eq $Value) { return $null }
  $base = $Value.PSObject.BaseObject
  if ($base -is [string]) { return $base }
  if ($base -is [bool]) { return $base }
  if ($base -is [byte] -or $base -is [sbyte] -or $base -is [int16] -or $base -is [uint16] -or $base -is [int32] -or $base -is [uint32] -or $base -is [int64]) { return [long]$base }
  if ($base -is [uint64]) {
    if ($base -le [uint64][long]::MaxValue) { return [long]$base }
    return [string]$base
  }
  if ($base -is [double] -or $base -is [single] -or $base -is [decimal]) { return [double]$base }
  if ($base -is [timespan]) { return $base.ToString() }
  if ($base -is [datetime]) { return (ConvertTo-ScapcText $base) }
  # Exchange's Unlimited<T>: MaxMessageSize, MaxRecipientsPerMessage ...
  $unlimited = $Value.PSObject.Properties['IsUnlimited']
  if ($null -ne $unlimited -and $null -ne $Value.PSObject.Properties['Value']) {
    if ($unlimited.Value) { return 'Unlimited' }
    return (ConvertTo-ScapcScalar $Value.Value)
  }
  return (ConvertTo-ScapcByteText $Value)
}

# One returned object as a bundle record: the wanted properties (every one when none is named). A
# property the object lacks is left out, so scapc reports it as missing rather than empty. A scalar
# result (Get-ExecutionPolicy) is one property named after the noun.
function ConvertTo-ScapcRecord {
  param($Item, [string]$Noun, [string[]]$Properties)
  $values = [ordered]@{}
  $base = $Item.PSObject.BaseObject
  if ($base -is [string] -or $base -is [System.ValueType]) {
    $values[$Noun] = $Item
  } else {
    $available = $Item.PSObject.Properties
    $names = $Properties
    if ($names.Count -eq 0) {
      $names = @($available | Where-Object { $script:SessionProperties -notcontains $_.Name } | ForEach-Object { $_.Name })
    }
    foreach ($name in $names) {
      $property = $available[$name]
      if ($null -eq $property) { continue }
      try { $values[$property.Name] = $property.Value } catch { continue }
    }
  }
  $record = [ordered]@{}
  foreach ($name in @($values.Keys)) {
    $value = $values[$name]
    if (Test-ScapcEnum $value) {
      # A flag enumeration ('Tls, Integrated, BasicAuth') is one string per flag.
      $flags = [string[]]([string]$value -split ', ')
      if ($flags.Count -gt 1) { $record[$name] = $flags } else { $record[$name] = [string]$value }
    } elseif (Test-ScapcList $value) {
      $record[$name] = [string[]]@(foreach ($element in $value) { ConvertTo-ScapcText $element })
    } else {
      $record[$name] = ConvertTo-ScapcScalar $value
    }
  }
  return $record
}

# Runs one Get cmdlet and returns its bundle entry. A failure is recorded, never thrown, so one
# cmdlet that fails does not stop the others; a cmdlet this server does not have is not collected.
# A server-scoped cmdlet is asked for this server ($ServerParameter set to its name); the bundle
# records the parameters the content gave and what the output covers (scope).
function Get-ScapcCmdletOutput {
  param(
    [string]$Cmdlet,
    [string]$Noun,
    [System.Collections.Specialized.OrderedDictionary]$Parameters,
    [string[]]$Properties,
    [string]$Scope = '',
    [string]$ServerParameter = '',
    [switch]$NotOnEdge,
    [scriptblock]$Run
  )
  $entry = [ordered]@{ cmdlet = $Cmdlet }
  if ($Parameters.Count -gt 0) { $entry.parameters = $Parameters }
  $arguments = [ordered]@{}
  foreach ($name in @($Parameters.Keys)) { $arguments[$name] = $Parameters[$name] }
  if ($ServerParameter) {
    # Edge Transport servers refuse some of these parameters and answer for themselves only.
    if ($NotOnEdge -and $script:ScapcIsEdge) { $Scope = 'local' } else { $arguments[$ServerParameter] = $script:ScapcServer }
  }
  if ($Scope) { $entry.scope = $Scope }
  Write-Verbose "Running $Cmdlet"
  try {
    $output = @(& $Run $arguments)
    $records = [System.Collections.Generic.List[object]]::new()
    foreach ($item in $output) {
      if ($null -ne $item) { $records.Add((ConvertTo-ScapcRecord -Item $item -Noun $Noun -Properties $Properties)) }
    }
    $entry.status = 'ok'
    $entry.objects = $records.ToArray()
    if ($CliXml) {
      if (-not $script:CliXmlOutput.Contains($Cmdlet)) { $script:CliXmlOutput[$Cmdlet] = [System.Collections.Generic.List[object]]::new() }
      foreach ($item in $output) { $script:CliXmlOutput[$Cmdlet].Add($item) }
    }
  } catch [System.Management.Automation.CommandNotFoundException] {
    $entry.status = 'not collected'
    $entry.error = $_.Exception.Message
    $script:CliXmlFailed[$Cmdlet] = $true
  } catch {
    $entry.status = 'error'
    $entry.error = $_.Exception.Message
    $script:CliXmlFailed[$Cmdlet] = $true
  }
  return $entry
}

function Get-ScapcFqdn {
  param([string]$HostName)
  try {
    $name = [System.Net.Dns]::GetHostEntry($HostName).HostName
    if ($name -like '*.*') { return $name }
  } catch {
    Write-Verbose "DNS name: $($_.Exception.Message)"
  }
  try {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction Stop
    if ($system.PartOfDomain -and $system.Domain -like '*.*') { return '{0}.{1}' -f $system.DNSHostName, $system.Domain }
  } catch {
    Write-Verbose "Domain: $($_.Exception.Message)"
  }
  return $null
}

# Addresses of this server other than loopback and link-local ones.
function Get-ScapcAddress {
  $addresses = @()
  try {
    $addresses = @(Get-NetIPAddress -ErrorAction Stop | ForEach-Object { $_.IPAddress })
  } catch {
    try {
      $addresses = @(Get-CimInstance -ClassName Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = TRUE' -ErrorAction Stop | ForEach-Object { $_.IPAddress })
    } catch {
      Write-Warning "IP addresses: $($_.Exception.Message)"
    }
  }
  $addresses | Where-Object { $_ -and $_ -notmatch '^(127\.|::1$|fe80:|169\.254\.)' } | ForEach-Object { ($_ -split '%')[0] } | Sort-Object -Unique
}

function Get-ScapcMacAddress {
  $macs = @()
  try {
    $macs = @(Get-NetAdapter -ErrorAction Stop | Where-Object { $_.Status -eq 'Up' } | ForEach-Object { $_.MacAddress })
  } catch {
    try {
      $macs = @(Get-CimInstance -ClassName Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = TRUE' -ErrorAction Stop | ForEach-Object { $_.MACAddress })
    } catch {
      Write-Warning "MAC addresses: $($_.Exception.Message)"
    }
  }
  $macs | Where-Object { $_ } | ForEach-Object { ([string]$_).ToLowerInvariant().Replace('-', ':') } | Sort-Object -Unique
}

function Get-ScapcOperatingSystem {
  $architecture = $env:PROCESSOR_ARCHITECTURE
  if ($env:PROCESSOR_ARCHITEW6432) { $architecture = $env:PROCESSOR_ARCHITEW6432 }
  if ($architecture -eq 'AMD64') { $architecture = 'x86_64' } elseif ($architecture -eq 'ARM64') { $architecture = 'aarch64' }
  $os = [ordered]@{ architecture = [string]$architecture }
  try {
    $system = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction Stop
    $os.name = ([string]$system.Caption).Trim()
    $os.version = [string]$system.Version
  } catch {
    Write-Warning "Operating system: $($_.Exception.Message)"
  }
  return $os
}

# Version and roles from Exchange itself; on an Edge Transport server Get-ExchangeServer answers
# from the local AD LDS instance.
function Get-ScapcExchange {
  try {
    $server = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction Stop
  } catch {
    Write-Warning "Exchange version and roles: $($_.Exception.Message)"
    return $null
  }
  # Server-scoped cmdlets are asked for this server by the name Exchange knows it by.
  $script:ScapcServer = [string]$server.Name
  $script:ScapcIsEdge = [bool]$server.IsEdgeServer -or ([string]$server.ServerRole -match 'Edge')
  $version = [string]$server.AdminDisplayVersion
  if ($version -match 'Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)\)') {
    $version = '{0}.{1}.{2}.{3}' -f $Matches[1], $Matches[2], $Matches[3], $Matches[4]
  }
  $roles = [System.Collections.Generic.List[string]]::new()
  $roleText = [string]$server.ServerRole
  if ($roleText -match 'Mailbox') { $roles.Add('Mailbox') }
  if ($server.IsEdgeServer -or $roleText -match 'Edge') { $roles.Add('Edge') }
  return [ordered]@{ name = $script:ScapcServer; version = $version; roles = $roles.ToArray() }
}

# Who this server is. Each part is guarded: Edge servers are not domain members, and a missing part
# only leaves the bundle without it.
function Get-ScapcHost {
  $hostName = [System.Net.Dns]::GetHostName()
  $identity = [ordered]@{ hostName = $hostName }
  $fqdn = Get-ScapcFqdn $hostName
  if ($fqdn) { $identity.fqdn = $fqdn }
  $identity.ipAddresses = [string[]]@(Get-ScapcAddress)
  $identity.macAddresses = [string[]]@(Get-ScapcMacAddress)
  $identity.os = Get-ScapcOperatingSystem
  $exchange = Get-ScapcExchange
  if ($exchange) { $identity.exchange = $exchange }
  $identity.collectedAt = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
  return $identity
}

# One Export-Clixml file per cmdlet, named as scapc's folder reader expects (Get-SendConnector.xml).
# The folder cannot tell invocations apart: a cmdlet run with different parameters gets the output
# of all of them in one file (the bundle keeps them apart), and one that failed gets no file.
function Export-ScapcCliXml {
  param([string]$Folder)
  [void][System.IO.Directory]::CreateDirectory($Folder)
  foreach ($cmdlet in @($script:CliXmlOutput.Keys)) {
    if ($script:CliXmlFailed.ContainsKey($cmdlet)) { continue }
    $file = Join-Path $Folder ($cmdlet + '.xml')
    try {
      $script:CliXmlOutput[$cmdlet] | Export-Clixml -LiteralPath $file -Encoding UTF8 -ErrorAction Stop
    } catch {
      Write-Warning "Writing $($file): $($_.Exception.Message)"
    }
  }
}

# The Exchange cmdlets: the Exchange Management Shell has them already. In plain Windows PowerShell
# on the server the local snap-in provides them (Exchange 2013 to 2019 Mailbox and Edge Transport
# servers register Microsoft.Exchange.Management.PowerShell.SnapIn; E2010 is the older name). It is
# loaded only when the cmdlets are missing; failing leaves the Exchange cmdlets not collected.
if (-not (Get-Command -Name Get-ExchangeServer -ErrorAction SilentlyContinue)) {
  foreach ($snapIn in @('Microsoft.Exchange.Management.PowerShell.SnapIn', 'Microsoft.Exchange.Management.PowerShell.E2010')) {
    if (-not (Get-PSSnapin -Registered -Name $snapIn -ErrorAction SilentlyContinue)) { continue }
    try {
      Add-PSSnapin -Name $snapIn -ErrorAction Stop
      break
    } catch {
      Write-Warning "Loading $($snapIn): $($_.Exception.Message)"
    }
  }
}
if (-not (Get-Command -Name Get-ExchangeServer -ErrorAction SilentlyContinue)) {
  Write-Warning 'The Exchange cmdlets are not available here (run this script in the Exchange Management Shell); they are recorded as not collected.'
}

$identity = Get-ScapcHost
$entries = [System.Collections.Generic.List[object]]::new()
# Registry keys and services, when the checks read any.
$windows = $null

)PS";

void write_invocation(std::ostream& out, const Invocation& invocation) {
  out << "# " << command_line(invocation) << " (OVAL ";
  for (std::size_t i = 0; i < invocation.objects.size(); ++i)
    out << (i == 0 ? "" : ", ") << comment_text(invocation.objects[i]);
  out << ")\n$entries.Add((Get-ScapcCmdletOutput -Cmdlet " << powershell_string(invocation.cmdlet()) << " -Noun "
      << powershell_string(invocation.noun) << " -Parameters ([ordered]@{";
  for (std::size_t i = 0; i < invocation.parameters.size(); ++i) {
    const auto& parameter = invocation.parameters[i];
    out << (i == 0 ? " " : "; ") << powershell_string(display_name(parameter.name)) << " = "
        << parameter_value(parameter);
  }
  out << (invocation.parameters.empty() ? "" : " ") << "}) -Properties @(";
  if (!invocation.every_property) {
    for (std::size_t i = 0; i < invocation.properties.size(); ++i)
      out << (i == 0 ? "" : ", ") << powershell_string(invocation.properties[i]);
  }
  out << ") -Scope " << powershell_string(invocation.scope);
  if (!invocation.server_parameter.empty()) {
    out << " -ServerParameter " << powershell_string(invocation.server_parameter)
        << (invocation.server_parameter_on_edge ? "" : " -NotOnEdge");
  }
  // The one place a name from the content is code: the noun, checked to be letters and digits.
  // The verb is Get or Test (plan.cpp refuses any other), the noun letters and digits.
  out << " -Run { param($Parameters) " << invocation.verb << "-" << invocation.noun
      << " @Parameters -ErrorAction Stop }))\n\n";
}

constexpr std::string_view kFinish = R"PS(
$bundle = [ordered]@{ scapcBundle = 1; host = $identity; cmdlets = $entries.ToArray() }
if ($null -ne $windows) { $bundle.windows = $windows }
$target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
# Depth: bundle, cmdlets, entry, objects, record, list of strings, with room to spare.
$json = ConvertTo-Json -InputObject $bundle -Depth 8
[System.IO.File]::WriteAllText($target, $json, [System.Text.UTF8Encoding]::new($false))
if ($CliXml) {
  if (-not $CliXmlPath) { $CliXmlPath = Join-Path (Split-Path -Parent $target) "$($identity.hostName)-clixml" }
  $folder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CliXmlPath)
  Export-ScapcCliXml -Folder $folder
  Write-Host "Wrote the Export-Clixml files to $folder"
}
$counts = @{ 'ok' = 0; 'error' = 0; 'not collected' = 0 }
foreach ($entry in $entries) { $counts[$entry.status] += 1 }
Write-Host ('Wrote {0}: {1} cmdlets ok, {2} failed, {3} not collected' -f $target, $counts['ok'], $counts['error'], $counts['not collected'])
)PS";

}  // namespace

std::string comment_text(std::string_view text) {
  std::string out;
  for (const char c : text) out += printable_ascii(c) ? c : '?';
  return out;
}

std::string powershell_string(std::string_view text) {
  bool plain = true;
  for (const char c : text) plain = plain && printable_ascii(c);
  if (!plain) {
    return "([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('" + base64(text) + "')))";
  }
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string powershell_script(const Plan& plan, const ScriptOptions& options) {
  std::ostringstream out;
  write_header(out, plan, options);
  write_parameters(out, options);
  out << kFunctions;
  write_windows_functions(out);
  for (const auto& invocation : plan.invocations) write_invocation(out, invocation);
  write_windows_reads(out, plan);
  out << kFinish;
  return out.str();
}

}  // namespace scapc::collector
