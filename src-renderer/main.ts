import { mount } from 'svelte'
import VaultGate from './features/vault/VaultGate.svelte'
import './app.css'

const target = document.getElementById('app')
if (!target) throw new Error('missing #app')
// The gate renders the app once the secrets are reachable (keychain, or the vault unlocked).
mount(VaultGate, { target })
