/**
 * A trained model as the commands and the library API load it: the model file (or the run folder holding
 * it), its network, and the cost plugin it was trained with, rebuilt from the parameters the file records
 * (older files: from the run's config.yaml beside it). Internal; users meet {@code dev.descent.api.Model}.
 */
package dev.descent.model;
