package org.trendpress.classify;

/** Anything that gives an Item its kind, confidence, reason and topics (the Poller calls it). */
public interface ItemClassifier {

    Classifier.Classification classify(ItemFeatures features);
}
