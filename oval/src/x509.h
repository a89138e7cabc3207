// X.509 certificates in CliXml. PowerShell serializes a certificate (an Exchange certificate too)
// as its DER bytes alone, <BA N="RawData">, and rehydrates it when the stream is read back; these
// are the properties it then shows, computed from the same bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::oval::detail {

struct Certificate {
  std::string subject;        // "CN=mail.contoso.com, O=Contoso, C=US", as .NET's X500DistinguishedName.Name
  std::string issuer;         // the same form
  std::string serial_number;  // upper-case hex of the serial's bytes
  std::string not_before;     // "2019-12-03T22:47:32Z"
  std::string not_after;
  std::string thumbprint;  // upper-case hex SHA-1 of the DER bytes
};

// Standard base64 (whitespace ignored); nullopt on any other character or bad padding.
std::optional<std::vector<unsigned char>> base64_decode(std::string_view text);

// The certificate in `der`, or nullopt when the bytes are not an X.509 certificate this reader
// can follow (the caller then leaves the object as it was serialized).
std::optional<Certificate> read_certificate(const std::vector<unsigned char>& der);

// Upper-case hex SHA-1 of `bytes` (FIPS 180-4).
std::string sha1_hex(const std::vector<unsigned char>& bytes);

}  // namespace scapc::oval::detail
