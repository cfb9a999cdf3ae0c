package io.weir.examples.windowing;

/** Revenue of one seller in one window [windowStart, windowEnd). */
public record SellerRevenue(long windowStart, long windowEnd, String seller, long revenueCents, long orders) {}
