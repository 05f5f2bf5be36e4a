package org.trendpress.classify;

import java.util.Set;

/**
 * One training or evaluation example.
 *
 * @param id       a stable id (the split and the sort order use it): origin plus the item's own key
 * @param origin   where it came from, e.g. "ag_news", "lab-blog", "arxiv-api", "correction"
 * @param features what the models see
 * @param kind     its kind label, or null when it only teaches topics
 * @param topics   its topic labels, or null when it only teaches the kind
 */
public record LabeledExample(String id, String origin, ItemFeatures features, Kind kind, Set<Topic> topics) {}
