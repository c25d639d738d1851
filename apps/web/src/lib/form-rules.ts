import type { FormRule } from 'antd';
import type { z } from 'zod';
import {
  CreateUnitBodySchema,
  CreateUserBodySchema,
  GenerateCommunesBodySchema,
  LoginBodySchema,
  PhoneSchema,
  UNIT_CODE_MAX,
  UNIT_NAME_MAX,
  UsernameSchema,
} from '@hoi/contracts';
import { useTranslation } from 'react-i18next';

/**
 * An antd rule that runs a contract schema, so the form refuses exactly what the server would.
 * Empty values pass: pair with `required` where the field is mandatory.
 */
export function zodRule(schema: z.ZodType, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

/** Localized antd rules mirroring the zod limits in `@hoi/contracts`. */
export function useFormRules() {
  const { t } = useTranslation();
  const required: FormRule = { required: true, whitespace: true, message: t('app.required') };
  const requiredValue: FormRule = { required: true, message: t('app.required') };
  return {
    required,
    requiredValue,
    unitCode: [
      required,
      { max: UNIT_CODE_MAX, message: t('units.rules.codeMax', { max: UNIT_CODE_MAX }) },
      zodRule(CreateUnitBodySchema.shape.code, t('units.rules.codePattern')),
    ],
    unitName: [
      required,
      { max: UNIT_NAME_MAX, message: t('units.rules.nameMax', { max: UNIT_NAME_MAX }) },
    ],
    username: [required, zodRule(UsernameSchema, t('users.usernamePattern'))],
    displayName: [required, { max: 200, message: t('units.rules.nameMax', { max: 200 }) }],
    email: [zodRule(CreateUserBodySchema.shape.email, t('users.emailInvalid'))],
    phone: [zodRule(PhoneSchema, t('users.phonePattern'))],
    newPassword: [
      requiredValue,
      { min: 10, message: t('users.passwordMin') },
      { max: 200, message: t('units.rules.nameMax', { max: 200 }) },
    ],
    totp: [requiredValue, zodRule(LoginBodySchema.shape.totp, t('login.totpPattern'))],
    provinceCode: [
      required,
      zodRule(
        GenerateCommunesBodySchema.shape.provinceCode,
        t('units.generate.provinceCodePattern'),
      ),
    ],
  };
}
