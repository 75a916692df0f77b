// The host's health verdict from its components' states, and how a status shows a failure.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pipeline/pipeline_snapshot.hpp"

namespace streamweaver::pipeline {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Snapshot : ::testing::Test {
  metrics::Registry metrics;
  std::shared_ptr<ProcessorStatus> processor =
      std::make_shared<ProcessorStatus>(metrics, ProcessorInfo{"vwap", "in", "out", "vwap.dlq"});
  std::shared_ptr<SourceStatus> source =
      std::make_shared<SourceStatus>(metrics, SourceInfo{"stock", "stock", "trades", 10});
  PipelineSnapshot snapshot{.kafka_mode = "embedded",
                            .kafka_bootstrap = "127.0.0.1:1",
                            .kafka = std::make_shared<kafka::KafkaHealth>(),
                            .sources = {source},
                            .processors = {processor}};
};

TEST_F(Snapshot, RunningComponentsAndReachableKafkaAreOk) {
  processor->set_state(RunState::running);
  source->set_state(RunState::waiting);  // back-pressure is normal work
  auto verdict = assess(snapshot);
  EXPECT_EQ(verdict.status, HealthStatus::ok);
  EXPECT_TRUE(verdict.problems.empty());
}

// A source's sender waits for Kafka on a thread of its own: its waits show, but never take
// a source out of a final state (supervision restarts only what says failed).
TEST_F(Snapshot, WaitingForKafkaNeverHidesAFinalState) {
  source->set_state(RunState::running);
  source->waiting(true);
  EXPECT_EQ(source->state(), RunState::waiting);
  source->set_state_unless(RunState::waiting, RunState::idle);  // the source's own say
  EXPECT_EQ(source->state(), RunState::waiting);
  source->waiting(false);
  EXPECT_EQ(source->state(), RunState::running);
  for (auto final_state : {RunState::failed, RunState::ended, RunState::stopped}) {
    source->set_state(final_state);
    source->waiting(true);
    source->waiting(false);
    EXPECT_EQ(source->state(), final_state) << to_string(final_state);
  }
}

TEST_F(Snapshot, AFailedProcessorIsDegradedWithItsErrorAndRestartTime) {
  processor->fail("Kafka did not take the batch's output: Local: Unknown topic");
  processor->set_restart_at(1795338117464);
  auto verdict = assess(snapshot);
  EXPECT_EQ(verdict.status, HealthStatus::degraded);
  EXPECT_THAT(verdict.problems, ElementsAre("processor 'vwap' failed: Kafka did not take the batch's output: "
                                            "Local: Unknown topic; supervision restarts it"));
  auto json = to_json(snapshot)["processors"]["vwap"];
  EXPECT_EQ(json["state"], "failed");
  EXPECT_THAT(json["last_error"].get<std::string>(), HasSubstr("Unknown topic"));
  EXPECT_EQ(json["restart_at"], "2026-11-22T09:01:57.464000Z");
}

TEST_F(Snapshot, StateGaugesShowExactlyTheCurrentState) {
  processor->set_state(RunState::running);
  processor->set_state(RunState::waiting);
  auto text = metrics.prometheus_text();
  EXPECT_THAT(text, HasSubstr("streamweaver_processor_state{processor=\"vwap\",state=\"waiting\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("streamweaver_processor_state{processor=\"vwap\",state=\"running\"} 0\n"));
  // A component of the same name made again (a reload) takes the series over.
  ProcessorStatus again(metrics, ProcessorInfo{"vwap", "in", "out", "vwap.dlq"});
  text = metrics.prometheus_text();
  EXPECT_THAT(text, HasSubstr("streamweaver_processor_state{processor=\"vwap\",state=\"starting\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("streamweaver_processor_state{processor=\"vwap\",state=\"waiting\"} 0\n"));
}

}  // namespace
}  // namespace streamweaver::pipeline
