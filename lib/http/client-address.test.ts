import { Socket } from "node:net";
import { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientAddress } from "./client-address";

function request(socketAddress: string, forwardedFor?: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: socketAddress });
  const message = new IncomingMessage(socket);
  if (forwardedFor !== undefined) message.headers["x-forwarded-for"] = forwardedFor;
  return message;
}

describe("client address", () => {
  it("is the socket's address by default, whatever X-Forwarded-For says", () => {
    const trust = parseTrustedProxies(undefined);
    expect(resolveClientAddress(request("203.0.113.9", "127.0.0.1"), trust)).toBe("203.0.113.9");
    expect(resolveClientAddress(request("203.0.113.9"), trust)).toBe("203.0.113.9");
  });

  it("with trusted proxies, is the right-most address that is not one of them", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 127.0.0.1");
    // The client wrote the first entry itself; the proxy appended the address it saw.
    expect(resolveClientAddress(request("10.0.0.2", "127.0.0.1, 198.51.100.4, 10.0.0.7"), trust)).toBe("198.51.100.4");
    expect(resolveClientAddress(request("10.0.0.2", "198.51.100.4"), trust)).toBe("198.51.100.4");
    // A request that did not come through a trusted proxy: its header is ignored.
    expect(resolveClientAddress(request("192.0.2.8", "198.51.100.4"), trust)).toBe("192.0.2.8");
  });

  it("refuses a malformed TRUSTED_PROXIES", () => {
    expect(() => parseTrustedProxies("10.0.0.0/99")).toThrow();
    expect(() => parseTrustedProxies("not-an-address")).toThrow();
  });
});
