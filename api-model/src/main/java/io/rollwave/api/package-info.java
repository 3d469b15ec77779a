/**
 * Rollwave's custom resources in {@code azure.com/v1alpha1}; CRD YAML is generated from these
 * classes.
 */
package io.rollwave.api;
