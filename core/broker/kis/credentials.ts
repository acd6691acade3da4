/** An app key pair issued by the KIS portal, one per environment. */
export interface KisCredentials {
  readonly appKey: string;
  readonly appSecret: string;
}
