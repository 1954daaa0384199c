package io.zsentinel.collector.job;

import io.zsentinel.chain.ChainView;

/** The chain verdict of one dataset of a job (source dataset name, target dataset name). */
public record DatasetChain(String dataset, String targetDataset, ChainView chain) {}
