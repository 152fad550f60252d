#pragma once
// A parsed HTTP request's parts the Api reads (method, target, the X-Loaxa-* headers, the
// body), taken out of Beast's message. The one place that knows which header is which, so
// the server and the fuzz target (fuzz/) translate a request the same way. Pure; any thread.
//
// Beast's types appear here so that only server.cpp and fuzz/ include this header.

#include "hub/api.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace loaxa::hub {

// Moves the body out of `request`.
ApiRequest api_request_from(boost::beast::http::request<boost::beast::http::string_body>& request);

}  // namespace loaxa::hub
