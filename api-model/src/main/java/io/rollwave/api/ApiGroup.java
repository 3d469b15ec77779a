package io.rollwave.api;

/** The API group and version every Rollwave custom resource lives in. */
public final class ApiGroup {
  public static final String GROUP = "azure.com";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private ApiGroup() {}
}
