import { parseEnvironment, parsePorts, toPodRequest, type DeployForm } from './podForm';
import { actionsFor, isTransitional } from './podStates';
import { mergePod } from './mergePod';
import type { Pod } from './types';

const form: DeployForm = {
  name: 'finetune',
  image: 'pytorch/pytorch:2.4.0-cuda12.4',
  gpus: '2',
  diskGb: '100',
  environment: 'WANDB_MODE=offline\n\n# a comment\nURL=http://x/?a=b',
  ports: '22/tcp, 8888/HTTP',
  type: 'ON_DEMAND',
  bid: '0.10',
};

describe('the Deploy form as a POST /v1/pods body', () => {
  it('reads KEY=VALUE lines, keeping = signs in values and skipping blanks and comments', () => {
    expect(parseEnvironment(form.environment)).toEqual({ ok: true, value: { WANDB_MODE: 'offline', URL: 'http://x/?a=b' } });
    expect(parseEnvironment('1BAD=x')).toEqual({ ok: false, error: expect.stringContaining('line 1') });
    expect(parseEnvironment('NOEQUALS')).toMatchObject({ ok: false });
  });

  it('reads comma-separated ports and refuses what the marketplace would', () => {
    expect(parsePorts(form.ports)).toEqual({ ok: true, value: ['22/tcp', '8888/http'] });
    expect(parsePorts('')).toEqual({ ok: true, value: [] });
    expect(parsePorts('22')).toMatchObject({ ok: false });
    expect(parsePorts('70000/tcp')).toMatchObject({ ok: false });
  });

  it('sends no bid on demand and the bid as decimal dollars when interruptible', () => {
    const onDemand = toPodRequest(form, 'hst_a-2');
    expect(onDemand).toEqual({
      ok: true,
      value: {
        name: 'finetune',
        image: 'pytorch/pytorch:2.4.0-cuda12.4',
        gpu_count: 2,
        offer_id: 'hst_a-2',
        disk_gb: 100,
        env: { WANDB_MODE: 'offline', URL: 'http://x/?a=b' },
        ports: ['22/tcp', '8888/http'],
        type: 'ON_DEMAND',
      },
    });
    const interruptible = toPodRequest({ ...form, type: 'INTERRUPTIBLE', bid: '0.45' }, 'hst_a-2');
    expect(interruptible).toMatchObject({ ok: true, value: { type: 'INTERRUPTIBLE', bid_per_gpu_hour: '0.450000' } });
    expect(toPodRequest({ ...form, type: 'INTERRUPTIBLE', bid: '0' }, 'x')).toMatchObject({ ok: false });
    expect(toPodRequest({ ...form, gpus: 'two' }, 'x')).toEqual({ ok: false, error: 'GPUs must be a whole number' });
  });
});

describe('pod states', () => {
  it('refreshes quickly only while a pod is on its way somewhere', () => {
    expect(['PENDING', 'SCHEDULED', 'STARTING', 'STOPPING'].every((s) => isTransitional(s as Pod['state']))).toBe(true);
    expect(['RUNNING', 'STOPPED', 'PREEMPTED', 'TERMINATED'].some((s) => isTransitional(s as Pod['state']))).toBe(false);
  });

  it('offers only the actions the marketplace allows from the state', () => {
    expect(actionsFor({ state: 'RUNNING', type: 'ON_DEMAND' })).toEqual({ stop: true, start: false, terminate: true, changeBid: false });
    expect(actionsFor({ state: 'STOPPED', type: 'INTERRUPTIBLE' })).toEqual({ stop: false, start: true, terminate: true, changeBid: true });
    expect(actionsFor({ state: 'PREEMPTED', type: 'INTERRUPTIBLE' })).toMatchObject({ stop: true, changeBid: true });
    expect(actionsFor({ state: 'TERMINATED', type: 'INTERRUPTIBLE' })).toEqual({ stop: false, start: false, terminate: false, changeBid: false });
  });

  it('keeps the state of whichever answer saw the later change', () => {
    const listed = { id: 'p', state: 'STOPPING', updated_at: '2026-01-01T00:00:02Z' } as Pod;
    const older = { id: 'p', state: 'RUNNING', updated_at: '2026-01-01T00:00:01Z', events: [] } as unknown as Pod;
    expect(mergePod(listed, older)).toMatchObject({ state: 'STOPPING', events: [] });
    const newer = { ...older, state: 'STOPPED', updated_at: '2026-01-01T00:00:03Z' } as Pod;
    expect(mergePod(listed, newer).state).toBe('STOPPED');
  });
});
