// OVAL 5.11 analysis: definitions evaluated against collected system characteristics, as
// `oscap oval analyse` does, without probing anything. docs/oval-engine.md lists what is supported;
// anything else evaluates to error (or not evaluated) with a message, never to a guessed verdict.
#pragma once

#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::oval {

enum class Result { True, False, Unknown, Error, NotEvaluated, NotApplicable };
const char* to_string(Result result);

struct DefinitionsDocument;
struct SystemCharacteristics;

// Parsed inputs. Readers report a one-line problem ("file:line: reason") in `error` on bad input.
std::shared_ptr<const DefinitionsDocument> read_definitions(std::string_view xml, const std::string& name,
                                                            std::string& error);
// The same from an oval_definitions element inside a larger document (a data stream component);
// `source` is that document's text, for line numbers.
std::shared_ptr<const DefinitionsDocument> read_definitions(const pugi::xml_node& root, const std::string& name,
                                                            std::string& error, std::string_view source = {});
std::shared_ptr<const SystemCharacteristics> read_system_characteristics(std::string_view xml, const std::string& name,
                                                                         std::string& error);
// How the *_file readers below have pugixml parse (on top of input::parse_xml_file's own options):
// text kept in its element, not a node of its own. The benchmark's parse floor parses alike.
inline constexpr unsigned kFileParseOptions = pugi::parse_embed_pcdata;

// The same read from files and parsed in place, with text kept in its element: the least memory
// for large inputs, and write_results_document copies their bytes instead of printing them again.
std::shared_ptr<const DefinitionsDocument> read_definitions_file(const std::string& path, std::string& error);
std::shared_ptr<const SystemCharacteristics> read_system_characteristics_file(const std::string& path,
                                                                              std::string& error);
// The system_info element (host name, interfaces): whose data this is. Empty for system
// characteristics scapc collected itself (collect_cmdlets), whose host its caller knows.
pugi::xml_node system_info(const SystemCharacteristics& system);
// The system characteristics as an XML document (e.g. after collecting from CliXml).
std::string to_xml(const SystemCharacteristics& system);

// An OVAL variables document: variable id -> values.
bool read_variables(std::string_view xml, const std::string& name, std::map<std::string, std::vector<std::string>>& out,
                    std::string& error);

struct Analysis {
  // std::less<>: looked up by the views of ids the definitions index holds, without a copy each.
  std::map<std::string, Result, std::less<>> definitions;
  std::map<std::string, Result, std::less<>> tests;
  std::map<std::string, std::vector<std::pair<std::string, Result>>, std::less<>> tested_items;  // test -> items
  std::vector<std::string> messages;  // why something is error / not evaluated
};

// `threads`: how many may evaluate tests at once (from 256 tests up). One for callers that already
// analyse many systems in parallel, as scapc check does with its hosts.
Analysis analyse(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                 const std::map<std::string, std::vector<std::string>>& external_variables, unsigned threads = 1);

// The oval_definitions element the definitions were read from (a copy of its own, namespaces
// included, when it was inside a larger document).
pugi::xml_node definitions_root(const DefinitionsDocument& definitions);

// Definition ids in document order, and a definition's class ("compliance", "vulnerability", …;
// empty when there is no such definition).
std::vector<std::string> definition_ids(const DefinitionsDocument& definitions);
// Whether the definitions declare an external variable of that id (for binding a value to it).
bool has_external_variable(const DefinitionsDocument& definitions, std::string_view id);
std::string definition_class(const DefinitionsDocument& definitions, const std::string& id);

// What one test of a definition saw: its result, the object's collection flag, and each item it
// examined ("Name=Outbound, DomainSecureEnabled=False") with the item's result.
struct TestEvidence {
  std::string test_id;
  Result result = Result::NotEvaluated;
  std::string cmdlet;  // the cmdlet a cmdlet_test's object runs ("Get-SendConnector"), else empty
  std::string object_flag;
  // Tested items, described ("Name=a, Enabled=true"; a value longer than 256 bytes is cut short,
  // the whole of it being in the OVAL results): first those that decided the test (`deciding`:
  // the items whose result made a false test false, an error test error, …), then the others, each
  // in the object's order; and how many were tested in all, and how many decided.
  std::vector<std::pair<std::string, Result>> items;
  std::size_t items_tested = 0;
  Result deciding = Result::NotEvaluated;
  std::size_t items_deciding = 0;
  std::size_t object_items = 0;  // the items of the test's object (a test without a state tests none)
};
// The tests a definition reaches (through extend_definition too), in criteria order, each with at
// most `most_items` items described: an object of 40,000 connectors is not repeated in every rule.
std::vector<TestEvidence> evidence(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                                   const Analysis& analysis, const std::string& definition_id, std::size_t most_items);

// Whether a results document carries a copy of the definitions it reports on. An ARF report omits
// it (directives include_source_definitions="false", as OVAL 5.11 provides): the ARF's report
// request holds the data stream with those definitions once, where every host's copy was more than
// half of its report.
enum class SourceDefinitions { Included, Omitted };
// The OVAL results document (definitions and system characteristics copied in, full directives).
pugi::xml_document results_document(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                                    const Analysis& analysis, const std::string& timestamp,
                                    SourceDefinitions source = SourceDefinitions::Included);
// The same document, sharing the definitions and system characteristics it reports on instead of
// copying them in, and printed when it is written: each host of a check run copied both, a gigabyte
// for a host of 40,000 connectors, and held it as text until its turn to be written came.
struct ResultsReport {
  std::shared_ptr<const DefinitionsDocument> definitions;
  std::shared_ptr<const SystemCharacteristics> system;
  Analysis analysis;
  std::string timestamp;
};
std::shared_ptr<const ResultsReport> results_report(std::shared_ptr<const DefinitionsDocument> definitions,
                                                    std::shared_ptr<const SystemCharacteristics> system,
                                                    Analysis analysis, const std::string& timestamp);
// Its root element as results_document()'s, printed by pugixml at `depth` with `indent` for each
// level (UTF-8).
void print_results_report(const ResultsReport& report, pugi::xml_writer& writer, unsigned depth,
                          SourceDefinitions source = SourceDefinitions::Included, std::string_view indent = "  ");
// The whole file, as results_document() saved with "  " indentation in UTF-8.
std::string results_report_text(const ResultsReport& report);
// results_document() itself, for writers that need the tree (the documents are copied in).
pugi::xml_document results_report_document(const ResultsReport& report,
                                           SourceDefinitions source = SourceDefinitions::Included);

// The same document written to `writer` as it is produced instead of being built in memory first:
// byte for byte what saving it with "  " indentation in UTF-8 gives, except that an input read
// with a *_file reader is copied from its file as it is there. False, with `error`, when such a
// file changed since it was read (the output is then incomplete).
bool write_results_document(pugi::xml_writer& writer, const DefinitionsDocument& definitions,
                            const SystemCharacteristics& system, const Analysis& analysis, const std::string& timestamp,
                            std::string& error);
// The same in two parts, one after the other to the same writer: the head (generator, directives
// and the copied definitions) needs nothing the system characteristics or the analysis hold, so
// it can be written while they are still being read.
bool write_results_head(pugi::xml_writer& writer, const DefinitionsDocument& definitions, const std::string& timestamp,
                        std::string& error);
bool write_results_rest(pugi::xml_writer& writer, const DefinitionsDocument& definitions,
                        const SystemCharacteristics& system, const Analysis& analysis, std::string& error);

}  // namespace scapc::oval
