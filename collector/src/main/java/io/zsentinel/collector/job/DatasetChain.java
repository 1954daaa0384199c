package io.zsentinel.collector.job;

import io.zsentinel.collector.chain.ChainResult;

/** The chain verdict of one dataset of a job (source dataset name, target dataset name). */
public record DatasetChain(String dataset, String targetDataset, ChainResult chain) {}
