/** The marketplace's default gRPC port (ASSAY_GRPC_PORT): the agent speaks to it, not to the console's HTTP port. */
export const AGENT_PORT = 9090;

/**
 * The exact shell lines that join a machine to this marketplace (README "Join the market with a machine"): trust
 * its agent CA, enroll with the one-use token (the key never leaves ./rig), then run the agent.
 *
 * @param origin this marketplace as the browser reaches it, e.g. "https://market.example:8080"
 */
export function agentCommand(token: string, origin: string): string {
  const url = new URL(origin);
  const marketplace = `${url.hostname}:${AGENT_PORT}`;
  return [
    `curl -s ${url.origin}/v1/agents/ca.pem > ca.pem`,
    `ASSAY_ENROLLMENT_TOKEN=${token} ./assay agent enroll --marketplace ${marketplace} --ca-cert ca.pem --state-dir rig`,
    `./assay agent run --marketplace ${marketplace} --identity rig`,
    `# no NVIDIA GPU here? add --simulate "2x RTX_4090" to run SIMULATED GPUs`,
  ].join('\n');
}
