// Reads one application over gRPC-Web with Connect's web transport (fetch, HTTP/1.1), as a portal's page would.
// The contract comes from a FileDescriptorSet the test writes from the very descriptors the gateway serves, so no code is
// generated here. Usage: node get-application.mjs <web base URL> <descriptor set file> <bearer token> <number>
// Prints the response as JSON with the protos' field names (the descriptors C# embeds carry empty JSON names); on a refusal prints the code and message to stderr and exits 2.
import { readFileSync } from "node:fs";
import { createFileRegistry, fromBinary, toJsonString } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";

const [baseUrl, descriptors, token, number] = process.argv.slice(2);
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(descriptors)));
const service = registry.getService("linghuo.v1.ApplicationService");
const transport = createGrpcWebTransport({
  baseUrl,
  interceptors: [(next) => (request) => {
    request.header.set("authorization", `Bearer ${token}`);
    return next(request);
  }],
});

try {
  const response = await createClient(service, transport).getApplication({ number });
  console.log(toJsonString(service.method.getApplication.output, response, { registry, useProtoFieldName: true }));
} catch (error) {
  const refusal = ConnectError.from(error);
  console.error(`${refusal.code} ${refusal.rawMessage}`);
  process.exit(2);
}
