{{- define "rollwave.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "rollwave.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "rollwave.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "rollwave.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "rollwave.labels" -}}
{{ include "rollwave.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The plural of an inventory kind, as the CRD generator names it: NetworkSwitch -> networkswitches. */}}
{{- define "rollwave.plural" -}}
{{- $k := lower . -}}
{{- if or (hasSuffix "s" $k) (hasSuffix "sh" $k) (hasSuffix "ch" $k) (hasSuffix "x" $k) -}}
{{- printf "%ses" $k -}}
{{- else -}}
{{- printf "%ss" $k -}}
{{- end -}}
{{- end -}}

{{/*
What the operator calls, one rule per resource, read from the code (ControlPlane, DeploymentReconciler,
MembershipWriter, RevisionStore, StatusBridge, RefusedProcessMarks, BatchMover, DeploymentEvents,
DeploymentRolloutStatus). ChartRbacRuleRemovalIT removes each verb in turn and shows the operator
then logs the 403 naming it (ForbiddenRequests), so none of these is unneeded.
*/}}
{{- define "rollwave.rules" -}}
# DPDs: informers (reconciler, signaller, deleted-deployment sweep) and reads by the activities
- apiGroups: [azure.com]
  resources: [deviceprocessdeployments]
  verbs: [get, list, watch]
# DPD status: the reconciler's counts and conditions, the workflow's status.rollout
- apiGroups: [azure.com]
  resources: [deviceprocessdeployments/status]
  verbs: [patch]
# DPs: the fleet informer; the reconciler creates and deletes them (get: a create that meets an
# existing DP its cache has not shown yet reads whose it is); batches patch their spec
- apiGroups: [azure.com]
  resources: [deviceprocesses]
  verbs: [get, list, watch, create, patch, delete]
# DP status: agents' reports, heartbeats, refused devices
- apiGroups: [azure.com]
  resources: [deviceprocesses/status]
  verbs: [patch]
# the device inventory the selectors match
- apiGroups: [azure.com]
  resources:
{{- range .Values.inventoryKinds }}
  - {{ include "rollwave.plural" . }}
{{- end }}
  verbs: [list, watch]
# each template revision, numbered as a DaemonSet's
- apiGroups: [apps]
  resources: [controllerrevisions]
  verbs: [get, list, create, delete]
# rollout and refusal events on DPDs and DPs
- apiGroups: [""]
  resources: [events]
  verbs: [create]
# image pull secrets (type kubernetes.io/dockerconfigjson, by field selector) for the agents;
# RBAC cannot narrow by type, so this reads Secrets' names and data in the watched namespaces
- apiGroups: [""]
  resources: [secrets]
  verbs: [list, watch]
{{- end -}}
