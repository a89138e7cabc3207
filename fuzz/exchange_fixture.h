// Fixed companions for the OVAL fuzz targets: one Exchange check as `scapc compile` writes it (a
// cmdlet_test on Get-MailboxDatabase's RetainDeletedItemsUntilBackup, and its "no objects" test),
// and Get-MailboxDatabase output that answers it.
#pragma once

#include <scapc/clixml.h>

namespace scapc::fuzz {

inline const char* kDefinitions = R"(<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
 xmlns:win-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#windows" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<definitions><definition id="oval:f:def:1" version="1" class="compliance"><criteria operator="OR">
 <criterion test_ref="oval:f:tst:2"/><criterion test_ref="oval:f:tst:1"/></criteria></definition></definitions>
<tests>
 <win-def:cmdlet_test id="oval:f:tst:1" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:f:obj:1"/><win-def:state state_ref="oval:f:ste:1"/></win-def:cmdlet_test>
 <win-def:cmdlet_test id="oval:f:tst:2" version="1" check="all" check_existence="none_exist">
  <win-def:object object_ref="oval:f:obj:1"/></win-def:cmdlet_test>
</tests>
<objects><win-def:cmdlet_object id="oval:f:obj:1" version="1">
 <win-def:module_name xsi:nil="true"/><win-def:module_id xsi:nil="true"/>
 <win-def:module_version datatype="version" xsi:nil="true"/>
 <win-def:verb>Get</win-def:verb><win-def:noun>MailboxDatabase</win-def:noun>
 <win-def:parameters datatype="record" xsi:nil="true"/>
 <win-def:select datatype="record"><field name="property">Name,RetainDeletedItemsUntilBackup</field></win-def:select>
</win-def:cmdlet_object></objects>
<states><win-def:cmdlet_state id="oval:f:ste:1" version="1"><win-def:value datatype="record">
 <field name="retaindeleteditemsuntilbackup" operation="case insensitive equals">true</field>
</win-def:value></win-def:cmdlet_state></states>
</oval_definitions>)";

inline oval::CmdletOutput mailbox_databases() {
  oval::PsObject first;
  first.properties = {{"Name", {{{"string", "DB01"}}}}, {"RetainDeletedItemsUntilBackup", {{{"boolean", "true"}}}}};
  oval::PsObject second;
  second.properties = {{"Name", {{{"string", "DB02"}}}}, {"RetainDeletedItemsUntilBackup", {{{"boolean", "false"}}}}};
  return {{"get-mailboxdatabase", {first, second}}};
}

}  // namespace scapc::fuzz
