import { test } from "node:test";
import assert from "node:assert/strict";
import {
  isValidName,
  labelValueProblem,
  qualifiedNameProblem,
  repairLabelValue,
  repairName,
  repairQualifiedName,
  type NameFormat,
} from "../../../server/src/analysis/kubernetes/values/names.ts";

const long = (length: number, character = "a") => character.repeat(length);

const validity: Array<[NameFormat, string, boolean]> = [
  ["dns1123-subdomain", "web", true],
  ["dns1123-subdomain", "app.config.v2", true],
  ["dns1123-subdomain", "0-leading-digit", true],
  ["dns1123-subdomain", long(253), true],
  ["dns1123-subdomain", long(254), false],
  ["dns1123-subdomain", "Web", false],
  ["dns1123-subdomain", "web_app", false],
  ["dns1123-subdomain", "-web", false],
  ["dns1123-subdomain", "web.", false],
  ["dns1123-subdomain", "web..app", false],
  ["dns1123-subdomain", "web-.app", false],
  ["dns1123-label", "web-1", true],
  ["dns1123-label", "1web", true],
  ["dns1123-label", "a--b", true],
  ["dns1123-label", long(63), true],
  ["dns1123-label", long(64), false],
  ["dns1123-label", "web.app", false],
  ["dns1123-label", "web-", false],
  ["dns1035-label", "web", true],
  ["dns1035-label", "1web", false],
  ["dns1035-label", "web-1", true],
  ["port-name", "http", true],
  ["port-name", "grpc-9090", true],
  ["port-name", long(15), true],
  ["port-name", long(16), false],
  ["port-name", "8080", false],
  ["port-name", "HTTP", false],
  ["port-name", "http--web", false],
  ["port-name", "-http", false],
  ["port-name", "http-", false],
  ["port-name", "http_web", false],
  ["path-segment", "system:aggregate-to-view", true],
  ["path-segment", "Any Thing", true],
  ["path-segment", ".", false],
  ["path-segment", "..", false],
  ["path-segment", "a/b", false],
  ["path-segment", "100%", false],
];

for (const [format, value, expected] of validity) {
  test(`isValidName(${JSON.stringify(value.length > 20 ? `${value.slice(0, 8)}…(${value.length})` : value)}, ${format}) is ${expected}`, () => {
    assert.equal(isValidName(value, format), expected);
  });
}

const repairs: Array<[NameFormat, string, string | undefined]> = [
  ["dns1123-subdomain", "Web_App", "web-app"],
  ["dns1123-subdomain", "My App.Config", "my-app.config"],
  ["dns1123-subdomain", "-web..app-", "web.app"],
  ["dns1123-subdomain", "web", undefined],
  ["dns1123-subdomain", "___", undefined],
  ["dns1123-label", "Config.Files", "config-files"],
  ["dns1123-label", "Web Server", "web-server"],
  ["dns1123-label", `x${long(70, "b")}`, `x${long(62, "b")}`],
  ["dns1035-label", "Web.Front", "web-front"],
  ["dns1035-label", "2fast", undefined],
  ["port-name", "HTTP_Port", "http-port"],
  ["port-name", "Web  Admin", "web-admin"],
  ["port-name", "metrics-endpoint-main", "metrics-endpoin"],
  ["port-name", "8080", undefined],
  ["path-segment", "a/b", undefined],
];

for (const [format, value, expected] of repairs) {
  test(`repairName(${JSON.stringify(value)}, ${format}) is ${expected ?? "none"}`, () => {
    assert.equal(repairName(value, format), expected);
  });
}

const keys: Array<[string, boolean, boolean]> = [
  ["app", false, true],
  ["app.kubernetes.io/name", false, true],
  ["My_Key.v2", false, true],
  ["example.com/My_Key", false, true],
  ["Example.com/key", false, false],
  ["Example.com/key", true, true],
  ["a/b/c", false, false],
  ["/name", false, false],
  ["prefix/", false, false],
  ["", false, false],
  ["-key", false, false],
  ["key-", false, false],
  ["my key", false, false],
  [long(63), false, true],
  [long(64), false, false],
  [`${long(253)}/name`, false, true],
  [`${long(254)}/name`, false, false],
];

for (const [key, annotation, valid] of keys) {
  test(`${annotation ? "annotation" : "label"} key ${JSON.stringify(key.length > 20 ? `${key.slice(0, 8)}…(${key.length})` : key)} is ${valid ? "valid" : "invalid"}`, () => {
    assert.equal(qualifiedNameProblem(key, annotation) === undefined, valid);
  });
}

const values: Array<[string, boolean]> = [
  ["", true],
  ["v1.2.3", true],
  ["A_b-c.D", true],
  [long(63), true],
  [long(64), false],
  ["-start", false],
  ["end.", false],
  ["a b", false],
  ["web/frontend", false],
  ["kubelinter@stackrox.com", false],
];

for (const [value, valid] of values) {
  test(`label value ${JSON.stringify(value.length > 20 ? `${value.slice(0, 8)}…(${value.length})` : value)} is ${valid ? "valid" : "invalid"}`, () => {
    assert.equal(labelValueProblem(value) === undefined, valid);
  });
}

const keyRepairs: Array<[string, boolean, string | undefined]> = [
  ["My Team", false, "My-Team"],
  ["Example.COM/owner", false, "example.com/owner"],
  ["Example.COM/bad key", true, "Example.COM/bad-key"],
  ["a/b/c", false, undefined],
  [long(70), false, undefined],
];

for (const [key, annotation, expected] of keyRepairs) {
  test(`repairQualifiedName(${JSON.stringify(key.length > 20 ? `${key.slice(0, 8)}…` : key)}, annotation: ${annotation}) is ${expected ?? "none"}`, () => {
    assert.equal(repairQualifiedName(key, annotation), expected);
  });
}

const valueRepairs: Array<[string, string | undefined]> = [
  ["payments & billing", "payments-billing"],
  ["-monitoring", "monitoring"],
  ["web/frontend", "web-frontend"],
  // A value that is only too long is not cut: which part matters is the author's call.
  [long(64), undefined],
  ["fine", undefined],
  ["@@@", undefined],
];

for (const [value, expected] of valueRepairs) {
  test(`repairLabelValue(${JSON.stringify(value.length > 20 ? `${value.slice(0, 8)}…` : value)}) is ${expected ?? "none"}`, () => {
    assert.equal(repairLabelValue(value), expected);
  });
}
