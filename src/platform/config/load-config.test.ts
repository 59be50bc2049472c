import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'immoxx-config-'));

describe('loadConfig', () => {
  it('has working defaults for the embedded setup', () => {
    const config = loadConfig({}, emptyDir());
    expect(config.env.PORT).toBe(5000);
    expect(config.env.DATABASE_URL).toBeUndefined();
    expect(config.env.CORS_ORIGINS).toEqual([]);
    expect(config.configFile).toBeNull();
  });

  it('names the bad variable and what is wrong with it', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' }, emptyDir());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('postgres://');
    }
  });

  it('refuses a split role on the embedded database, and S3 storage without its bucket and keys', () => {
    expect(loadConfig({}, emptyDir()).env.ROLE).toBe('all');
    expect(() => loadConfig({ ROLE: 'worker' }, emptyDir())).toThrow(/ROLE: worker needs DATABASE_URL/);
    expect(() => loadConfig({ ROLE: 'api', DATABASE_URL: 'postgres://db/immoxx' }, emptyDir())).not.toThrow();
    expect(() => loadConfig({ ROLE: 'cron' }, emptyDir())).toThrow(/must be api, worker or all/);
    try {
      loadConfig({ FILE_STORAGE: 's3', S3_ACCESS_KEY_ID: 'key' }, emptyDir());
      expect.unreachable();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('S3_BUCKET: required when FILE_STORAGE=s3');
      expect(message).toContain('S3_SECRET_ACCESS_KEY: required when FILE_STORAGE=s3');
      expect(message).not.toContain('S3_ACCESS_KEY_ID:');
    }
  });

  it('never echoes secret values in errors', () => {
    expect(() => loadConfig({ AUTH_SECRET: 'too-short-secret' }, emptyDir())).toThrow(/AUTH_SECRET/);
    try {
      loadConfig({ AUTH_SECRET: 'too-short-secret' }, emptyDir());
    } catch (error) {
      expect((error as Error).message).not.toContain('too-short-secret');
    }
  });

  it('reads immoxx.config.yaml and lets the environment win', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'immoxx.config.yaml'),
      'port: 6000\nlog_level: debug\nsmtp:\n  url: smtp://mail.local:25\n',
    );
    const config = loadConfig({ PORT: '7000' }, dir);
    expect(config.env.PORT).toBe(7000);
    expect(config.env.LOG_LEVEL).toBe('debug');
    expect(config.env.SMTP_URL).toBe('smtp://mail.local:25');
    expect(config.configFile).toBe(join(dir, 'immoxx.config.yaml'));
  });

  it('reads module switches from env and the modules section of the file', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'immoxx.config.yaml'), 'modules:\n  admin: true\n');
    expect(loadConfig({}, dir).moduleSwitches).toEqual({ admin: true });
    expect(loadConfig({ MODULE_ADMIN: 'false' }, dir).moduleSwitches).toEqual({ admin: false });
  });

  it('refuses unknown modules and non-boolean switches', () => {
    expect(() => loadConfig({ MODULE_SOCIALMEDIA: 'true' }, emptyDir())).toThrow(
      /MODULE_SOCIALMEDIA.*unknown module/,
    );
    expect(() => loadConfig({ MODULE_ADMIN: 'vielleicht' }, emptyDir())).toThrow(
      /MODULE_ADMIN: must be true or false/,
    );
  });

  it('reports invalid YAML with the file name', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'immoxx.config.yaml'), 'port: [1, 2\n');
    expect(() => loadConfig({}, dir)).toThrow(/immoxx\.config\.yaml: invalid YAML/);
  });
});
