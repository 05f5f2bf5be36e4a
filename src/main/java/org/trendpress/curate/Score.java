package org.trendpress.curate;

/** A candidate's score and the human-readable reasons for it ("3 sources · 143 upvotes · code"). */
record Score(double value, String reasons) {}
