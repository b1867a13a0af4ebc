{{/* Chart name, or nameOverride. */}}
{{- define "mail-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "mail-platform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mail-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of one component's objects: (dict "root" $ "component" "msa-service"). */}}
{{- define "mail-platform.componentName" -}}
{{- printf "%s-%s" (include "mail-platform.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mail-platform.labels" -}}
helm.sh/chart: {{ include "mail-platform.chart" . }}
app.kubernetes.io/name: {{ include "mail-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: mail-platform
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of one component: (dict "root" $ "component" "msa-service"). */}}
{{- define "mail-platform.componentLabels" -}}
{{ include "mail-platform.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "mail-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mail-platform.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Image of a service: (dict "root" $ "component" "mda-service"):
<registry>/<organization>/<repositoryPrefix><component>:<tag>, empty parts left out;
global.imageRegistry replaces the registry (a mirror for every image of the chart).
*/}}
{{- define "mail-platform.image" -}}
{{- $image := .root.Values.image }}
{{- $parts := list }}
{{- with (default $image.registry .root.Values.global.imageRegistry) }}
{{- $parts = append $parts . }}
{{- end }}
{{- with $image.organization }}
{{- $parts = append $parts . }}
{{- end }}
{{- $parts = append $parts (printf "%s%s" $image.repositoryPrefix .component) }}
{{- printf "%s:%s" (join "/" $parts) (include "mail-platform.imageTag" .root) }}
{{- end }}

{{- define "mail-platform.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/*
image.pullPolicy, or from the tag when it is empty: a release tag names one image for good
(IfNotPresent); a SNAPSHOT or latest is rebuilt under the same name (Always).
*/}}
{{- define "mail-platform.imagePullPolicy" -}}
{{- $tag := include "mail-platform.imageTag" . }}
{{- if .Values.image.pullPolicy }}
{{- .Values.image.pullPolicy }}
{{- else if or (hasSuffix "-SNAPSHOT" $tag) (eq $tag "latest") }}
{{- "Always" }}
{{- else }}
{{- "IfNotPresent" }}
{{- end }}
{{- end }}

{{/* The topics Job's Kafka image, under global.imageRegistry when set. */}}
{{- define "mail-platform.topicsJobImage" -}}
{{- $image := .Values.kafka.topicsJob.image }}
{{- $registry := default $image.registry .Values.global.imageRegistry }}
{{- printf "%s%s:%s" (ternary "" (printf "%s/" $registry) (empty $registry)) $image.repository $image.tag }}
{{- end }}

{{- define "mail-platform.databaseSecretName" -}}
{{- default (printf "%s-database" (include "mail-platform.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{/*
The database Secret the hook Jobs read. Hooks run before the release's own objects exist, so with
helmHooks on and no existingSecret they read a hook copy made just before them.
*/}}
{{- define "mail-platform.hookDatabaseSecretName" -}}
{{- if and .Values.helmHooks (not .Values.database.existingSecret) }}
{{- printf "%s-database-hook" (include "mail-platform.fullname" .) }}
{{- else }}
{{- include "mail-platform.databaseSecretName" . }}
{{- end }}
{{- end }}

{{- define "mail-platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mail-platform.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* runAsUser, runAsGroup, fsGroup from podSecurity, each left out when null. */}}
{{- define "mail-platform.podIds" -}}
{{- with .Values.podSecurity }}
{{- if not (kindIs "invalid" .runAsUser) }}
runAsUser: {{ int .runAsUser }}
{{- end }}
{{- if not (kindIs "invalid" .runAsGroup) }}
runAsGroup: {{ int .runAsGroup }}
{{- end }}
{{- if not (kindIs "invalid" .fsGroup) }}
fsGroup: {{ int .fsGroup }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mail-platform.srsSecretName" -}}
{{- default (printf "%s-srs" (include "mail-platform.fullname" .)) .Values.srs.existingSecret }}
{{- end }}

{{- define "mail-platform.adminTokenSecretName" -}}
{{- default (printf "%s-admin-token" (include "mail-platform.fullname" .)) .Values.adminToken.existingSecret }}
{{- end }}

{{- define "mail-platform.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "mail-platform.fullname" .)) .Values.tls.secretName }}
{{- end }}

{{/*
Annotations that make an object a hook run before every install and upgrade, when helmHooks is on:
(dict "root" $ "weight" "-10"). Lower weights run first; before-hook-creation keeps the last run
(and its logs) until the next one.
*/}}
{{- define "mail-platform.hookAnnotations" -}}
{{- if .root.Values.helmHooks }}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end }}
{{- end }}

{{/*
The database connection, as the services and the migration read it:
(dict "root" $ "secret" <Secret name>).
*/}}
{{- define "mail-platform.databaseEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ .root.Values.database.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .root.Values.database.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .root.Values.database.passwordKey }}
{{- end }}

{{/*
"true" unless the listener (an entry of services.<name>.listeners) says enabled: false.
*/}}
{{- define "mail-platform.listenerEnabled" -}}
{{- if or (not (hasKey . "enabled")) .enabled }}true{{ end }}
{{- end }}

{{/*
The application.yml a service reads on top of its own (mounted from a ConfigMap at
/etc/mailplatform/config, SPRING_CONFIG_ADDITIONAL_LOCATION in the image):
(dict "root" $ "component" "msa-service" "service" .Values.services.msa-service).
Topic names contain dots, so their settings are written as flat property names
(mailplatform.kafka.topics[mail.outbound].partitions), in name order: toYaml does not order
such map keys the same way twice, and the file's checksum must only change with its content.
*/}}
{{- define "mail-platform.serviceConfig" -}}
{{- $root := .root }}
{{- $svc := .service }}
{{- $kafkaValues := $root.Values.kafka }}
{{- $kafka := dict "create-topics" $kafkaValues.servicesCreateTopics "max-message-size" (printf "%dB" (int64 $kafkaValues.maxMessageSizeBytes)) "envelope-allowance" (printf "%dB" (int64 $kafkaValues.envelopeAllowanceBytes)) }}
{{- if $kafkaValues.replicationFactor }}
{{- $_ := set $kafka "replication-factor" (int $kafkaValues.replicationFactor) }}
{{- end }}
{{- if $kafkaValues.minInsyncReplicas }}
{{- $_ := set $kafka "min-insync-replicas" (int $kafkaValues.minInsyncReplicas) }}
{{- end }}
{{- $config := dict "mailplatform" (dict "hostname" $root.Values.hostname "kafka" $kafka) }}
{{- if $root.Values.tracing.enabled }}
{{- if not $root.Values.tracing.otlpEndpoint }}
{{- fail "tracing.enabled needs tracing.otlpEndpoint: the collector's OTLP/HTTP traces URL, e.g. http://otel-collector:4318/v1/traces" }}
{{- end }}
{{- $_ := set $config.mailplatform "tracing" (dict "enabled" true "otlp-endpoint" $root.Values.tracing.otlpEndpoint "sampling-probability" $root.Values.tracing.samplingProbability) }}
{{- end }}
{{- if $svc.listeners }}
{{- $_ := set $config.mailplatform "tls" (dict "certificate-dir" $root.Values.tls.mountPath) }}
{{- if $root.Values.proxyProtocol.enabled }}
{{- $_ := set $config.mailplatform "kernel" (dict "trusted-proxies" $root.Values.proxyProtocol.trustedProxies) }}
{{- end }}
{{- $listeners := dict }}
{{- range $name, $listener := $svc.listeners }}
{{- /* Each listener property defaults on its own in the service: a listener without tls keeps the
service's mode for it, and one left out of the values would open on its default port, so a
switched-off listener is written as port -1. */}}
{{- $entry := dict "port" -1 }}
{{- if include "mail-platform.listenerEnabled" $listener }}
{{- $entry = dict "port" (int $listener.containerPort) }}
{{- if $listener.tls }}
{{- $_ := set $entry "tls" $listener.tls }}
{{- end }}
{{- end }}
{{- $_ := set $listeners $name $entry }}
{{- end }}
{{- $node := $config }}
{{- range $segment := splitList "." $svc.listenersProperty }}
{{- if not (hasKey $node $segment) }}
{{- $_ := set $node $segment (dict) }}
{{- end }}
{{- $node = index $node $segment }}
{{- end }}
{{- $_ := mergeOverwrite $node $listeners }}
{{- end }}
{{- if eq .component "mta-service" }}
{{- /* Each replica takes its share of a destination's session limit; with autoscaling the largest
count, so the service as a whole never passes the limit. */}}
{{- $replicas := ternary $svc.autoscaling.maxReplicas $svc.replicas (and $svc.autoscaling $svc.autoscaling.enabled | default false) }}
{{- if not (hasKey $config.mailplatform "mta") }}
{{- $_ := set $config.mailplatform "mta" (dict) }}
{{- end }}
{{- $_ := set (index $config.mailplatform "mta") "outbound" (dict "destinations" (dict "replicas" (int $replicas))) }}
{{- end }}
{{- if include "mail-platform.dkimKeysMounted" . }}
{{- $_ := set $config.mailplatform "dkim" (dict "keys-dir" $root.Values.mta.dkim.mountPath) }}
{{- end }}
{{- if and (eq .component "msa-service") $root.Values.autoconfig.enabled }}
{{- /* The ports clients are told are the public ones of the chart's own listeners; a service or
listener that is off is left out (port 0). */}}
{{- $ac := $root.Values.autoconfig }}
{{- $ports := dict }}
{{- range $key, $where := dict "imaps" "imap-gateway/imaps" "imap" "imap-gateway/imap" "pop3s" "pop3-gateway/pop3s" "pop3" "pop3-gateway/pop3" "submissions" "msa-service/submissions" "submission" "msa-service/submission" }}
{{- $parts := splitList "/" $where }}
{{- $port := 0 }}
{{- $owner := index $root.Values.services (first $parts) }}
{{- if and $owner $owner.enabled }}
{{- $listener := index (default (dict) $owner.listeners) (last $parts) }}
{{- if and $listener (include "mail-platform.listenerEnabled" $listener) }}
{{- $port = int $listener.port }}
{{- end }}
{{- end }}
{{- $_ := set $ports $key $port }}
{{- end }}
{{- $autoconfig := dict "enabled" true "port" (int $ac.containerPort) "tls" $ac.tls "ports" $ports }}
{{- range $key, $value := dict "imap-host" $ac.imapHost "pop3-host" $ac.pop3Host "smtp-host" $ac.smtpHost "display-name" $ac.displayName }}
{{- if $value }}
{{- $_ := set $autoconfig $key $value }}
{{- end }}
{{- end }}
{{- $_ := set $config.mailplatform "autoconfig" $autoconfig }}
{{- end }}
{{- toYaml (mustMergeOverwrite $config (deepCopy $root.Values.config) (deepCopy (default (dict) $svc.config))) }}
# kafka.topics of the chart's values
{{- range $name, $topic := $kafkaValues.topics }}
{{- $prefix := printf "mailplatform.kafka.topics[%s]" $name }}
{{ printf "%s.partitions" $prefix | quote }}: {{ int $topic.partitions }}
{{ printf "%s.retention" $prefix | quote }}: {{ printf "%dms" (int64 $topic.retentionMs) }}
{{- if $topic.replicationFactor }}
{{ printf "%s.replication-factor" $prefix | quote }}: {{ int $topic.replicationFactor }}
{{- end }}
{{- if $topic.minInsyncReplicas }}
{{ printf "%s.min-insync-replicas" $prefix | quote }}: {{ int $topic.minInsyncReplicas }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"true" when the component is the MTA and a Secret of DKIM keys is named (mta.dkim.existingSecret).
Context: the dict of root, component and service.
*/}}
{{- define "mail-platform.dkimKeysMounted" -}}
{{- if and (eq .component "mta-service") .root.Values.mta.dkim.existingSecret -}}true{{- end -}}
{{- end }}
