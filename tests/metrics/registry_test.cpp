#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace streamweaver::metrics;

TEST(Registry, SameNameAndLabelsGiveTheSameObject) {
  Registry r;
  auto& a = r.counter("streamweaver_x_total", "x", {{"topic", "t"}, {"kind", "k"}});
  auto& b = r.counter("streamweaver_x_total", "x", {{"kind", "k"}, {"topic", "t"}});  // order-free
  auto& other = r.counter("streamweaver_x_total", "x", {{"topic", "u"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &other);
  EXPECT_EQ(&r.gauge("streamweaver_g", "g"), &r.gauge("streamweaver_g", "g"));
}

TEST(Registry, RendersPrometheusText) {
  Registry r;
  r.counter("streamweaver_records_total", "Records.", {{"topic", "b"}}).inc(2);
  r.counter("streamweaver_records_total", "Records.", {{"topic", "a"}}).inc();
  r.gauge("streamweaver_clients", "Clients.").set(-3);
  auto& h = r.histogram("streamweaver_latency_ms", "Latency.", {0.5, 10}, {{"topic", "a"}});
  h.observe(0.25);
  h.observe(7);
  EXPECT_EQ(r.prometheus_text(),
            "# HELP streamweaver_clients Clients.\n"
            "# TYPE streamweaver_clients gauge\n"
            "streamweaver_clients -3\n"
            "# HELP streamweaver_latency_ms Latency.\n"
            "# TYPE streamweaver_latency_ms histogram\n"
            "streamweaver_latency_ms_bucket{topic=\"a\",le=\"0.5\"} 1\n"
            "streamweaver_latency_ms_bucket{topic=\"a\",le=\"10\"} 2\n"
            "streamweaver_latency_ms_bucket{topic=\"a\",le=\"+Inf\"} 2\n"
            "streamweaver_latency_ms_sum{topic=\"a\"} 7.25\n"
            "streamweaver_latency_ms_count{topic=\"a\"} 2\n"
            "# HELP streamweaver_records_total Records.\n"
            "# TYPE streamweaver_records_total counter\n"
            "streamweaver_records_total{topic=\"a\"} 1\n"
            "streamweaver_records_total{topic=\"b\"} 2\n");
}

TEST(Registry, EscapesLabelValuesAndHelp) {
  Registry r;
  r.counter("streamweaver_e_total", "line1\nback\\slash \"q\"", {{"v", "a\"b\\c\nd"}});
  EXPECT_EQ(r.prometheus_text(),
            "# HELP streamweaver_e_total line1\\nback\\\\slash \"q\"\n"
            "# TYPE streamweaver_e_total counter\n"
            "streamweaver_e_total{v=\"a\\\"b\\\\c\\nd\"} 0\n");
}

TEST(Registry, RejectsBadNamesAndLabels) {
  Registry r;
  EXPECT_THROW(r.counter("records_total", "no prefix"), std::invalid_argument);
  EXPECT_THROW(r.counter("streamweaver_bad-name", "dash"), std::invalid_argument);
  EXPECT_THROW(r.counter("streamweaver_c", "c", {{"1x", "v"}}), std::invalid_argument);
  EXPECT_THROW(r.counter("streamweaver_c", "c", {{"__x", "v"}}), std::invalid_argument);
  EXPECT_THROW(r.counter("streamweaver_c", "c", {{"a", "1"}, {"a", "2"}}), std::invalid_argument);
  EXPECT_THROW(r.histogram("streamweaver_h", "h", {1}, {{"le", "1"}}), std::invalid_argument);
  EXPECT_THROW(r.histogram("streamweaver_h", "h", {2, 1}), std::invalid_argument);
  EXPECT_EQ(r.prometheus_text(), "");  // nothing half-registered
}

TEST(Registry, RejectsKindOrBoundsConflicts) {
  Registry r;
  r.counter("streamweaver_c", "c");
  EXPECT_THROW(r.gauge("streamweaver_c", "c"), std::logic_error);
  r.histogram("streamweaver_h", "h", {1, 2});
  EXPECT_NO_THROW(r.histogram("streamweaver_h", "h", {1, 2}));
  EXPECT_THROW(r.histogram("streamweaver_h", "h", {1, 3}), std::logic_error);
}
