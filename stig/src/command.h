// The cmdlet pipeline a STIG check text tells the reviewer to run.
#pragma once

#include <scapc/controls.h>

#include <optional>
#include <string>
#include <vector>

namespace scapc::stig::detail {

struct Command {
  std::string cmdlet;  // Get-ReceiveConnector
  std::vector<controls::CmdletParameter> parameters;
  std::vector<std::string> properties;  // from Select-Object / Format-List / Format-Table, no wildcards
  std::vector<std::string> wildcards;   // "*Authentication", "Forward*"
  bool selects = false;                 // a Select-Object / Format-* stage narrows the output
  bool scalar = false;                  // Get-ExecutionPolicy: its output is one value
  // Get-ItemProperty of a registry key ('hklm:\system\...'): its properties are the key's values.
  std::string registry_hive;  // HKEY_LOCAL_MACHINE; empty for every other command
  std::string registry_key;   // below the hive, without leading or trailing backslashes
};

// Whether the command's output shows `property` (every property when nothing narrows it).
bool shows(const Command& command, const std::string& property);

// Reads the Get- commands of the check text. Several commands are accepted only when they run the
// same cmdlet (their properties are merged); `why` says what made the text unusable.
std::optional<Command> read_command(const std::string& check_text, std::string& why);

}  // namespace scapc::stig::detail
