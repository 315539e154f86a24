#!/usr/bin/env bash
# A device set-up script as people write it for AWS IoT, run here against the emulator with the AWS CLI v2: a thing
# type, a thing with an attribute, a policy scoped to the thing, keys and a certificate, the attachments, and the
# endpoint. The same commands work against AWS without --endpoint-url.
#
# Usage: scripts/aws-cli-setup-device.sh <thing-name> <output-directory> [endpoint-url]
#   endpoint-url defaults to http://127.0.0.1:8080 (the emulator's HTTP port). Credentials come from the usual AWS
#   variables; the emulator's default configuration accepts AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.
#   AWS_CLI names the aws executable (default: aws).
# Writes <output-directory>/certificate.pem.crt and private.pem.key, and prints thing, certificate and endpoint.
set -euo pipefail

thing=${1:?usage: $0 <thing-name> <output-directory> [endpoint-url]}
out=${2:?usage: $0 <thing-name> <output-directory> [endpoint-url]}
endpoint_url=${3:-http://127.0.0.1:8080}
aws_cli=${AWS_CLI:-aws}

iot() {
  "$aws_cli" iot --endpoint-url "$endpoint_url" --region "${AWS_DEFAULT_REGION:-us-east-1}" --output text "$@"
}

mkdir -p "$out"
iot create-thing-type --thing-type-name sensor \
  --thing-type-properties 'thingTypeDescription=Temperature sensors' >/dev/null
iot create-thing --thing-name "$thing" --thing-type-name sensor \
  --attribute-payload '{"attributes": {"room": "lab"}}' >/dev/null

# The device may connect as its thing, and publish and subscribe under sensor/<room>/<thing>/.
iot create-policy --policy-name "$thing-policy" --policy-document '{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "iot:Connect",
     "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}"},
    {"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"],
     "Resource": "arn:aws:iot:*:*:topic/sensor/${iot:Connection.Thing.Attributes[room]}/${iot:Connection.Thing.ThingName}/*"},
    {"Effect": "Allow", "Action": "iot:Subscribe",
     "Resource": "arn:aws:iot:*:*:topicfilter/sensor/${iot:Connection.Thing.Attributes[room]}/${iot:Connection.Thing.ThingName}/*"}
  ]}' >/dev/null

certificate_arn=$(iot create-keys-and-certificate --set-as-active \
  --certificate-pem-outfile "$out/certificate.pem.crt" --private-key-outfile "$out/private.pem.key" \
  --query certificateArn)
iot attach-policy --policy-name "$thing-policy" --target "$certificate_arn"
iot attach-thing-principal --thing-name "$thing" --principal "$certificate_arn"
endpoint=$(iot describe-endpoint --endpoint-type iot:Data-ATS --query endpointAddress)

echo "thing=$thing"
echo "certificateArn=$certificate_arn"
echo "certificateId=${certificate_arn##*/}"
echo "endpoint=$endpoint"
