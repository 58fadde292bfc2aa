/**
 * Policy-as-code for CI: config, waivers, baseline and the exit code. The command line wires it in
 * src/cli/policy.ts (preparePolicy before the batch, applyPolicy after it), src/cli/check.ts
 * (--write-baseline, the JSON `baseline` block) and src/cli/exit.ts (exitCode). In short:
 *
 *   const ids = defaultRuleIds();
 *   const loaded = loadConfig({ cwd, explicitPath: opts.config, knownRuleIds: ids });   // ConfigError → exit 2
 *   const { disabled, severity } = ruleOptions(loaded.config);                         // → CheckOptions
 *   const skip = ignoreFilter(loaded);                                                 // drop inputs where skip(file)
 *   let docs = … check …;
 *   const wf = findWaiversFile({ cwd, explicitPath: opts.waivers, configured: loaded.config.waivers, configDir: loaded.file ? loaded.dir : undefined });
 *   if (wf) docs = applyWaivers(docs, loadWaivers(wf, ids)).results;                  // report .expired / .unused
 *   const bf = opts.baseline ?? (loaded.config.baseline && resolveConfigPath(loaded, loaded.config.baseline));
 *   if (bf) docs = applyBaseline(docs, loadBaseline(bf), { baseDir: path.dirname(bf) }).results;  // report .stale / .new
 *   process.exitCode = exitCode(docs, { failOn, maxWarnings, exitZero });
 */
export { ConfigError, isConfigError } from './errors.js';
export {
  CONFIG_FILE_NAMES,
  RULE_LEVELS,
  configSchema,
  findConfigFile,
  ignoreFilter,
  loadConfig,
  readConfigFile,
  resolveConfigPath,
  ruleOptions,
  type LoadConfigOptions,
  type LoadedConfig,
  type MeldcodeConfig,
  type RuleLevel,
} from './config.js';
export {
  EXPIRING_SOON_DAYS,
  WAIVER_FILE_NAMES,
  applyWaivers,
  checkWaiversFile,
  findWaiversFile,
  isExpired,
  loadWaivers,
  waiverMatchesDocument,
  type AppliedWaivers,
  type ApplyWaiversOptions,
  type FindWaiversOptions,
  type Waiver,
  type WaiverProblem,
} from './waivers.js';
export {
  DEFAULT_BASELINE_FILE,
  applyBaseline,
  fingerprint,
  loadBaseline,
  parseBaseline,
  saveBaseline,
  writeBaseline,
  type AppliedBaseline,
  type Baseline,
  type BaselineEntry,
  type BaselinePathOptions,
  type WriteBaselineOptions,
} from './baseline.js';
export { countFindings, exitCode, type ExitCodeOptions, type FailOn, type FindingCounts } from './exit-code.js';
export { isActiveSuppression, isFinding, isJudged, isOpenFinding, localDate } from './findings.js';
export { globToRegExp, ignoreMatcher, matchGlob, relativePosix, ruleMatcher } from './glob.js';
export { SCHEMA_FILES, baselineJsonSchema, configJsonSchema, defaultRuleIds, policySchemaFiles, waiversJsonSchema } from './schemas.js';
