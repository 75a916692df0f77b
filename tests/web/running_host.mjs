// The real `streamweaver` binary as a child process, for the dashboard test and benchmark:
// writes the pipeline into `workDir`, starts `run`, and resolves `url` with the dashboard
// address once the host logs it. `reload(pipeline)` rewrites the file and sends SIGHUP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const STARTUP_MS = 30_000;

// pluginDir: a directory, or several (STREAMWEAVER_PLUGIN_PATH is ':'-separated).
// env: more environment variables for the host (e.g. a token its pipeline names).
export function startHost({ bin, pluginDir, workDir, pipeline, env = {} }) {
  const configFile = path.join(workDir, 'pipeline.toml');
  fs.writeFileSync(configFile, pipeline);
  const child = spawn(bin, ['run', '--config', configFile], {
    env: { ...process.env, ...env, STREAMWEAVER_PLUGIN_PATH: [pluginDir].flat().join(':') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "dashboard on" line within ${STARTUP_MS} ms:\n${output}`)), STARTUP_MS);
    const scan = (chunk) => {
      output += chunk;
      const m = output.match(/dashboard on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', scan);
    child.stderr.setEncoding('utf8').on('data', scan);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`host exited (code ${code}, signal ${signal}) before serving the dashboard:\n${output}`));
    });
  });
  const reload = (next) => {
    fs.writeFileSync(configFile, next);
    child.kill('SIGHUP');
  };
  return { child, url, exited, reload, output: () => output };
}

// Headless Chromium from Debian, with nothing running in the background.
export function launchChromium(chromium, executablePath) {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
