#include "daemon/hub_link.hpp"

#include "common/i18n.hpp"
#include "sync/beast_transport.hpp"

namespace loaxa::daemon {

std::unique_ptr<HubLink> HubLink::make(boost::asio::io_context& io, station::Station& station, Log& log,
                                       std::function<sync::HeartbeatFacts()> facts, sync::MandateHooks hooks) {
  const auto& hub = station.config().hub;
  if (!hub) return nullptr;
  const auto url = sync::parse_hub_url(hub->url);
  if (!url) {  // the config's check makes this unreachable; kept so a bad URL cannot crash
    log.error("hub", trf("the hub address {} is not understood; the as-run log is not sent", hub->url));
    return nullptr;
  }
  std::unique_ptr<HubLink> link(new HubLink);
  try {
    link->transport_ = std::make_unique<sync::BeastTransport>(io, *url, hub->ca_file);
  } catch (const std::exception& e) {
    log.error("hub", trf("{}; the as-run log is not sent until this is fixed (loaxa.toml [hub] ca_file)", e.what()));
    return nullptr;
  }
  auto note = [&log](bool problem, const std::string& text) {
    if (problem) {
      log.warn("hub", text);
    } else {
      log.write("hub", text);
    }
  };
  link->syncer_ = std::make_unique<sync::Syncer>(io, station, *hub, *link->transport_, std::move(facts), note,
                                                 sync::SyncOptions::from(*hub), std::move(hooks));
  log.write("hub", trf("the as-run log is sent to {} as station {}", hub->url, hub->station_id));
  return link;
}

HubLink::~HubLink() {
  if (syncer_) syncer_->stop();
}

}  // namespace loaxa::daemon
