package io.zsentinel.common.service;

/** A running zsentinel service; {@link #close()} stops it and releases what it holds. */
public interface Service extends AutoCloseable {
    String name();

    /** True once the service does its work (connected, caught up); drives {@code /health/ready}. */
    boolean ready();

    @Override
    void close();
}
