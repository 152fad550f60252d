#include "hub/request_fields.hpp"

namespace loaxa::hub {

ApiRequest api_request_from(boost::beast::http::request<boost::beast::http::string_body>& request) {
  const auto header = [&request](const char* name) { return std::string(request[name]); };
  ApiRequest api_request;
  api_request.method = std::string(request.method_string());
  api_request.target = std::string(request.target());
  api_request.station = header("X-Loaxa-Station");
  api_request.timestamp = header("X-Loaxa-Timestamp");
  api_request.nonce = header("X-Loaxa-Nonce");
  api_request.signature = header("X-Loaxa-Signature");
  api_request.body = std::move(request.body());
  return api_request;
}

}  // namespace loaxa::hub
