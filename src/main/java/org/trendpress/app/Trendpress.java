package org.trendpress.app; public class Trendpress { public static void main(String[] a){} }
