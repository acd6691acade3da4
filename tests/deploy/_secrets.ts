/**
 * What a secret's variable name looks like, for the deployment files' tests: a setting with one of
 * these words in its name must come from the environment or a secret store, never a committed file.
 * @module
 */

/** Names of variables that hold secrets or account identifiers. */
export const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|ACCOUNT|CREDENTIAL|WEBHOOK/i;
