/**
 * Stand-ins for Kubernetes types in the CRD schema: the same fields, described, so {@code kubectl
 * explain} documents them (fabric8's model classes carry no descriptions).
 */
package io.rollwave.api.schema;
