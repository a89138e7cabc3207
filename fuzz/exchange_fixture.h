// Fixed companions for the OVAL fuzz targets: one Exchange check as `scapc compile` writes it (a
// cmdlet_test on Get-MailboxDatabase's RetainDeletedItemsUntilBackup, and its "no objects" test),
// registry and service tests over the bundle's Windows data (a value named exactly, values picked
// by pattern under keys picked by pattern, a service by pattern), and Get-MailboxDatabase output.
#pragma once

#include <scapc/clixml.h>

namespace scapc::fuzz {

inline const char* kDefinitions = R"(<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
 xmlns:win-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#windows" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<definitions><definition id="oval:f:def:1" version="1" class="compliance"><criteria operator="OR">
 <criterion test_ref="oval:f:tst:2"/><criterion test_ref="oval:f:tst:1"/><criterion test_ref="oval:f:tst:3"/>
 <criterion test_ref="oval:f:tst:4"/><criterion test_ref="oval:f:tst:5"/></criteria></definition></definitions>
<tests>
 <win-def:cmdlet_test id="oval:f:tst:1" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:f:obj:1"/><win-def:state state_ref="oval:f:ste:1"/></win-def:cmdlet_test>
 <win-def:cmdlet_test id="oval:f:tst:2" version="1" check="all" check_existence="none_exist">
  <win-def:object object_ref="oval:f:obj:1"/></win-def:cmdlet_test>
 <win-def:registry_test id="oval:f:tst:3" version="1" check="all" check_existence="at_least_one_exists" comment="c">
  <win-def:object object_ref="oval:f:obj:3"/><win-def:state state_ref="oval:f:ste:3"/></win-def:registry_test>
 <win-def:registry_test id="oval:f:tst:4" version="1" check="at least one" check_existence="any_exist" comment="c">
  <win-def:object object_ref="oval:f:obj:4"/><win-def:state state_ref="oval:f:ste:3"/></win-def:registry_test>
 <win-def:service_test id="oval:f:tst:5" version="1" check="all" check_existence="at_least_one_exists" comment="c">
  <win-def:object object_ref="oval:f:obj:5"/><win-def:state state_ref="oval:f:ste:5"/></win-def:service_test>
</tests>
<objects><win-def:registry_object id="oval:f:obj:3" version="1"><win-def:hive>HKEY_LOCAL_MACHINE</win-def:hive>
 <win-def:key>SYSTEM\CurrentControlSet\Control\Lsa</win-def:key><win-def:name>LmCompatibilityLevel</win-def:name>
</win-def:registry_object>
<win-def:registry_object id="oval:f:obj:4" version="1"><win-def:hive>HKEY_LOCAL_MACHINE</win-def:hive>
 <win-def:key operation="pattern match">^SYSTEM\\.*</win-def:key><win-def:name operation="pattern match">.</win-def:name>
</win-def:registry_object>
<win-def:service_object id="oval:f:obj:5" version="1"><win-def:service_name operation="pattern match">^MSExchange</win-def:service_name>
</win-def:service_object><win-def:cmdlet_object id="oval:f:obj:1" version="1">
 <win-def:module_name xsi:nil="true"/><win-def:module_id xsi:nil="true"/>
 <win-def:module_version datatype="version" xsi:nil="true"/>
 <win-def:verb>Get</win-def:verb><win-def:noun>MailboxDatabase</win-def:noun>
 <win-def:parameters datatype="record" xsi:nil="true"/>
 <win-def:select datatype="record"><field name="property">Name,RetainDeletedItemsUntilBackup</field></win-def:select>
</win-def:cmdlet_object></objects>
<states><win-def:cmdlet_state id="oval:f:ste:1" version="1"><win-def:value datatype="record">
 <field name="retaindeleteditemsuntilbackup" operation="case insensitive equals">true</field>
</win-def:value></win-def:cmdlet_state>
<win-def:registry_state id="oval:f:ste:3" version="1"><win-def:value datatype="int" operation="greater than or equal">5</win-def:value></win-def:registry_state>
<win-def:service_state id="oval:f:ste:5" version="1"><win-def:start_type>SERVICE_DISABLED</win-def:start_type></win-def:service_state></states>
</oval_definitions>)";

inline oval::CmdletOutput mailbox_databases() {
  oval::PsObject first;
  first.properties = {{"Name", {{{"string", "DB01"}}}}, {"RetainDeletedItemsUntilBackup", {{{"boolean", "true"}}}}};
  oval::PsObject second;
  second.properties = {{"Name", {{{"string", "DB02"}}}}, {"RetainDeletedItemsUntilBackup", {{{"boolean", "false"}}}}};
  return {{"get-mailboxdatabase", {first, second}}};
}

}  // namespace scapc::fuzz
