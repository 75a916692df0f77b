#include <gtest/gtest.h>

#include <streamweaver/json/depth.hpp>

using streamweaver::nests_deeper_than;

TEST(JsonDepth, CountsNestedArraysAndObjects) {
  EXPECT_FALSE(nests_deeper_than(R"({"a":[1,{"b":[]}]})", 4));
  EXPECT_TRUE(nests_deeper_than(R"({"a":[1,{"b":[]}]})", 3));
  EXPECT_FALSE(nests_deeper_than("42", 0));
}

TEST(JsonDepth, BracketsInStringsDoNotCount) {
  EXPECT_FALSE(nests_deeper_than(R"({"a":"[[[[{{{{"})", 1));
  EXPECT_FALSE(nests_deeper_than(R"({"a":"\"[[[["})", 1));  // an escaped quote does not end it
}

TEST(JsonDepth, SiblingsDoNotAddUp) {
  EXPECT_FALSE(nests_deeper_than("[[],[],[],[]]", 2));
}
